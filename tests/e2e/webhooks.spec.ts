import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const shots = process.env.SHOTS_DIR ?? '.data/test-results/shots';

type Hit = { headers: http.IncomingHttpHeaders; body: string };

/** A receiver on 127.0.0.1 (the e2e server allows loopback URLs: its APP_URL is local). */
async function startReceiver(status = 200) {
  const hits: Hit[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/promptlab`;
  return { url, hits, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

test('creates a webhook, sends a test event to a receiver and shows the delivery with its code', async ({ page, user: _user }) => {
  const receiver = await startReceiver();
  try {
    await page.goto('/settings');
    const panel = page.getByTestId('webhooks-panel');
    await expect(panel).toContainText('No webhooks');
    await panel.getByTestId('create-webhook').click();
    await page.getByTestId('webhook-url').fill(receiver.url);
    await page.getByTestId('webhook-event-experiment.completed').uncheck();
    await page.getByTestId('submit-webhook').click();
    const secret = await page.getByTestId('webhook-secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('close-webhook-secret').click();

    const row = panel.getByTestId('webhook-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(receiver.url);
    await expect(row).toContainText('version.created');
    await expect(row).not.toContainText('experiment.completed');
    await expect(row).not.toContainText(secret);

    await row.getByTestId('webhook-test').click();
    await page.getByTestId('webhook-test-ping').click();
    const delivery = row.getByTestId('webhook-delivery');
    await expect(delivery).toHaveCount(1);
    await expect(delivery).toHaveAttribute('data-status', 'delivered');
    await expect(delivery.getByTestId('webhook-delivery-code')).toHaveText('200');
    await delivery.getByRole('button').first().click();
    await expect(delivery.getByTestId('webhook-delivery-response')).toContainText('"received":true');
    await expect(delivery.getByTestId('webhook-delivery-attempts')).toHaveText('1');

    // The receiver got one signed ping.
    expect(receiver.hits).toHaveLength(1);
    const hit = receiver.hits[0]!;
    expect(hit.headers['promptlab-event']).toBe('ping');
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hit.headers['promptlab-signature']))!;
    expect(createHmac('sha256', secret).update(`${t}.${hit.body}`).digest('hex')).toBe(v1);

    // A saved version is delivered too, without anyone asking.
    const created = await page.request.post('/api/v1/prompts', { data: { title: 'Hooked', userPrompt: 'Hi {{ name }}' } });
    expect(created.status()).toBe(201);
    await expect.poll(() => receiver.hits.length).toBe(2);
    expect(JSON.parse(receiver.hits[1]!.body)).toMatchObject({ type: 'version.created', data: { versionNumber: 1 } });

    fs.mkdirSync(shots, { recursive: true });
    for (const [theme, width] of [['light', 1280], ['light', 390], ['dark', 1280], ['dark', 390]] as const) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.emulateMedia({ colorScheme: theme });
      await page.reload();
      await page.getByTestId('webhooks-panel').scrollIntoViewIfNeeded();
      await page.getByTestId('webhook-toggle-log').click();
      await page.getByTestId('webhook-delivery').first().getByRole('button').first().click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `settings scrolls sideways at ${width}`).toBeLessThanOrEqual(width);
      await page.getByTestId('webhooks-panel').screenshot({ path: path.join(shots, `webhooks-${theme}-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('create-webhook').click();
    await page.getByTestId('webhook-url').fill('ftp://example.com');
    await page.getByTestId('submit-webhook').click();
    await expect(page.getByTestId('field-error-webhook-url-error')).toContainText('http or https');
    await page.screenshot({ path: path.join(shots, 'webhooks-create-error-1280.png') });

    // Disable, then delete.
    await page.keyboard.press('Escape');
    await page.getByTestId('webhook-enable-toggle').click();
    await expect(page.getByTestId('webhook-disabled')).toBeVisible();
    await page.getByTestId('webhook-delete').click();
    await page.getByTestId('confirm-webhook-delete').click();
    await expect(page.getByTestId('webhook-row')).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
