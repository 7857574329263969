// A dedicated worker that counts tokens, so loading the ranks and counting 100,000 characters never holds up typing.
import type { TokenEncoding } from '@/lib/llm/token-encoding';
import { countTexts } from './load-encoding';

export type TokenRequest = { id: number; texts: string[]; encoding: TokenEncoding; budgetMs: number };
export type TokenReply = { id: number; counts: number[]; estimated: boolean } | { id: number; error: string };

const scope = self as unknown as { onmessage: ((event: MessageEvent<TokenRequest>) => void) | null; postMessage: (reply: TokenReply) => void };

scope.onmessage = ({ data }) => {
  countTexts(data.texts, data.encoding, data.budgetMs).then(
    (result) => scope.postMessage({ id: data.id, ...result }),
    (error: unknown) => scope.postMessage({ id: data.id, error: String(error) }),
  );
};
