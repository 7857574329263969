import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { VariableDef } from '@/lib/templates/variable-schema';

const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

// ---- Auth.js tables (shape required by @auth/drizzle-adapter) ----

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name'),
  email: text('email').unique(),
  emailVerified: timestamp('email_verified', { mode: 'date', withTimezone: true, precision: 3 }),
  image: text('image'),
  // Only set for local email/password accounts; OAuth users have none.
  passwordHash: text('password_hash'),
  // The first account on an instance becomes its owner; the partial unique index allows one.
  instanceRole: text('instance_role', { enum: ['owner', 'member'] }).notNull().default('member'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_single_instance_owner').on(t.instanceRole).where(sql`${t.instanceRole} = 'owner'`)]);

export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('accounts_user_idx').on(t.userId)],
);

export const sessions = pgTable('sessions', {
  sessionToken: text('session_token').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp('expires', { mode: 'date', withTimezone: true, precision: 3 }).notNull(),
});

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { mode: 'date', withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---- Workspaces and membership ----

export const memberRole = pgEnum('member_role', ['owner', 'admin', 'editor', 'viewer']);
export type MemberRole = (typeof memberRole.enumValues)[number];

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  personal: boolean('personal').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull().default('editor'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('workspace_members_user_idx').on(t.userId)],
);

// ---- Prompts and their immutable versions ----

export type ModelConfig = {
  provider: string;
  model: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
};

export const prompts = pgTable(
  'prompts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    currentVersionId: uuid('current_version_id').references((): AnyPgColumn => promptVersions.id),
    // Bumped atomically when a version is created: the row lock serialises concurrent saves.
    latestVersionNumber: integer('latest_version_number').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('prompts_workspace_slug_key').on(t.workspaceId, t.slug).where(sql`${t.deletedAt} is null`),
    index('prompts_workspace_updated_idx').on(t.workspaceId, t.updatedAt),
    index('prompts_tags_idx').using('gin', t.tags),
  ],
);

// Rows here are never updated or deleted: a database trigger (drizzle/0001) refuses both.
export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => prompts.id),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    versionNumber: integer('version_number').notNull(),
    systemPrompt: text('system_prompt').notNull().default(''),
    userPrompt: text('user_prompt').notNull(),
    variables: jsonb('variables').$type<VariableDef[]>().notNull().default([]),
    model: jsonb('model').$type<ModelConfig>().notNull(),
    notes: text('notes').notNull().default(''),
    restoredFrom: integer('restored_from'),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('prompt_versions_prompt_number_key').on(t.promptId, t.versionNumber)],
);

// ---- API keys ----

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // First characters of the key, shown so people can tell keys apart.
    prefix: text('prefix').notNull(),
    hashedKey: text('hashed_key').notNull().unique(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId)],
);

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type WorkspaceMember = typeof workspaceMembers.$inferSelect;
export type Prompt = typeof prompts.$inferSelect;
export type PromptVersion = typeof promptVersions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
