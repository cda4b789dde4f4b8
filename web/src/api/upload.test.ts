import { describe, expect, it, vi } from 'vitest';
import { SellerAddProductImageMutation } from '../consoles/seller/operations';
import { errorItems } from './errors';
import { documentHash, TRUSTED_DOCUMENTS } from './trusted';
import { multipartBody, PREFLIGHT_HEADER, uploadProductImage } from './upload';

const PNG = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'lamp.png', { type: 'image/png' });

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const added = {
  data: {
    addProductImage: {
      __typename: 'Product',
      id: 'prd-lamp',
      images: [{ __typename: 'ProductImage', alt: 'A desk lamp', thumb: '/media/abc-160.webp' }],
    },
  },
};

function mockFetch(answer: Response | Error) {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

describe('uploadProductImage (the GraphQL multipart request spec)', () => {
  it('POSTs operations, map and the file, in that order, with the preflight header and the token', async () => {
    const fetch = mockFetch(json(added));
    const result = await uploadProductImage('tok-1', 'prd-lamp', PNG, 'A desk lamp', { fetch });

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/graphql');
    expect(init?.method).toBe('POST');
    const headers = new Headers(init?.headers);
    expect(headers.get(PREFLIGHT_HEADER)).toBe('true');
    expect(headers.get('authorization')).toBe('Bearer tok-1');
    // The browser writes the multipart type with its boundary.
    expect(headers.has('content-type')).toBe(false);

    const body = init?.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect([...body.keys()]).toEqual(['operations', 'map', '0']);
    const operations = JSON.parse(body.get('operations') as string);
    // The whole text (the trusted manifest's), and the file's variable null.
    expect(operations).toEqual({
      query: TRUSTED_DOCUMENTS[documentHash(SellerAddProductImageMutation)!],
      variables: { productId: 'prd-lamp', alt: 'A desk lamp', file: null },
    });
    expect(operations.query).toMatch(/^mutation SellerAddProductImage\(/);
    expect(operations.query).toContain('$file: Upload!');
    expect(JSON.parse(body.get('map') as string)).toEqual({ 0: ['variables.file'] });
    const file = body.get('0') as File;
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('lamp.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array(await PNG.arrayBuffer()));

    expect(result.error).toBeNull();
    expect(result.status).toBe(200);
    expect(result.data?.addProductImage.images).toEqual(added.data.addProductImage.images);
  });

  it('sends no authorization without a session', async () => {
    const fetch = mockFetch(json(added));
    await uploadProductImage(null, 'prd-lamp', PNG, 'A desk lamp', { fetch });
    expect(new Headers(fetch.mock.calls[0][1]?.headers).has('authorization')).toBe(false);
  });

  it('reads a refusal as GraphQL errors with their codes: wrong kind (400), too large (413), not yours', async () => {
    const refusals = [
      [json({ errors: [{ message: 'only PNG, JPEG and WebP pictures are accepted', extensions: { code: 'BAD_USER_INPUT' } }] }, 400), 400, 'BAD_USER_INPUT'],
      [json({ errors: [{ message: 'the picture is larger than 5 MiB', extensions: { code: 'BAD_USER_INPUT' } }] }, 413), 413, 'BAD_USER_INPUT'],
      [json({ data: null, errors: [{ message: 'not your product', extensions: { code: 'FORBIDDEN' } }] }), 200, 'FORBIDDEN'],
    ] as const;
    for (const [answer, status, code] of refusals) {
      const result = await uploadProductImage('tok-1', 'prd-lamp', PNG, 'A desk lamp', { fetch: mockFetch(answer) });
      expect(result.status).toBe(status);
      expect(result.data).toBeNull();
      expect(errorItems(result.error).map((e) => e.code)).toEqual([code]);
    }
  });

  it('says "too large" for a 413 without a GraphQL answer, and a network error when nothing answers', async () => {
    const tooLarge = await uploadProductImage('t', 'p', PNG, 'a', { fetch: mockFetch(new Response('Request Entity Too Large', { status: 413 })) });
    expect(errorItems(tooLarge.error)).toMatchObject([{ code: 'BAD_USER_INPUT', message: 'the upload is larger than 5 MiB' }]);

    const offline = await uploadProductImage('t', 'p', PNG, 'a', { fetch: mockFetch(new TypeError('Failed to fetch')) });
    expect(offline.status).toBe(0);
    expect(errorItems(offline.error)).toMatchObject([{ code: 'NETWORK' }]);

    const broken = await uploadProductImage('t', 'p', PNG, 'a', { fetch: mockFetch(new Response('<html>', { status: 502 })) });
    expect(errorItems(broken.error)).toMatchObject([{ code: 'NETWORK', message: expect.stringContaining('HTTP 502') }]);
  });

  it('builds a body for several files, each its own part', () => {
    const other = new Blob(['x'], { type: 'image/webp' });
    const body = multipartBody(SellerAddProductImageMutation, { productId: 'p' }, { file: PNG, extra: other });
    expect([...body.keys()]).toEqual(['operations', 'map', '0', '1']);
    expect(JSON.parse(body.get('map') as string)).toEqual({ 0: ['variables.file'], 1: ['variables.extra'] });
    expect(JSON.parse(body.get('operations') as string).variables).toEqual({ productId: 'p', file: null, extra: null });
  });
});
