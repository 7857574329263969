-- Prompt versions are immutable: history can only grow. Restores create new versions.
CREATE OR REPLACE FUNCTION prompt_versions_are_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'prompt versions are immutable: % is not allowed', TG_OP USING ERRCODE = 'raise_exception';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER prompt_versions_immutable
  BEFORE UPDATE OR DELETE ON prompt_versions
  FOR EACH ROW EXECUTE FUNCTION prompt_versions_are_immutable();
--> statement-breakpoint
CREATE TRIGGER prompt_versions_no_truncate
  BEFORE TRUNCATE ON prompt_versions
  FOR EACH STATEMENT EXECUTE FUNCTION prompt_versions_are_immutable();
