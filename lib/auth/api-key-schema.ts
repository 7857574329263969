import { z } from 'zod';

/** POST /api/v1/api-keys. */
export const newApiKeySchema = z.strictObject({ name: z.string().trim().min(1, 'is required').max(100) });
