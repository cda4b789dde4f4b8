import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { ProductEditorPage } from './ProductEditorPage';
import { checkPicture, MAX_PICTURES, ProductPictures, type SellerPicture } from './ProductPictures';
import { categories, product, signInAs } from './testData';
import { callsFor, mockClient, renderWithClient, renderWithRouter } from '../../test/urql';

const PNG = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'lamp.png', { type: 'image/png' });

const picture = (alt: string, key = alt.length): SellerPicture => ({ __typename: 'ProductImage', alt, thumb: `/media/${key}-160.webp` });

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function stubFetch(...answers: Array<Response | Error>) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

beforeEach(() => signInAs());
afterEach(() => vi.unstubAllGlobals());

/** The editor of the seller's product, whose pictures the API has as `images` (changed by uploads). */
function setupEditor(images: SellerPicture[] = []) {
  const state = { images };
  const api = mockClient({
    query: (name) =>
      name === 'Categories'
        ? fromValue({ data: categories })
        : name === 'SellerProduct'
          ? fromValue({ data: { __typename: 'Query', product: product({ images: state.images }) } })
          : never,
  });
  renderWithClient(<ProductEditorPage />, { client: api.client, route: '/seller/products/prd-lamp/edit', path: '/seller/products/:productId/edit' });
  return { ...api, state, user: userEvent.setup() };
}

const form = () => screen.getByRole('form', { name: 'Add a picture' });
const fileInput = () => within(form()).getByLabelText('Picture file') as HTMLInputElement;
const altInput = () => within(form()).getByLabelText('What the picture shows');
const submit = () => within(form()).getByRole('button', { name: 'Add picture' });

describe('ProductPictures on the product editor', () => {
  it('uploads a picture with its alt text, then shows it and asks for the product again', async () => {
    const { user, state, executeQuery } = setupEditor();
    const section = screen.getByRole('region', { name: 'Pictures' });
    expect(section).toHaveTextContent('No pictures yet');
    expect(fileInput()).toHaveAttribute('accept', 'image/png,image/jpeg,image/webp');
    expect(fileInput()).toBeRequired();
    expect(altInput()).toBeRequired();

    const uploaded = [picture('A white desk lamp, switched on', 1)];
    const fetch = stubFetch(json({ data: { addProductImage: { __typename: 'Product', id: 'prd-lamp', images: uploaded } } }));
    await user.upload(fileInput(), PNG());
    await user.type(altInput(), '  A white desk lamp, switched on ');
    state.images = uploaded;
    await user.click(submit());

    // One multipart POST with the session's token and the trimmed alt text.
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/graphql');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer token');
    expect(new Headers(init?.headers).get('apollo-require-preflight')).toBe('true');
    const body = init?.body as FormData;
    expect(JSON.parse(body.get('operations') as string).variables).toEqual({ productId: 'prd-lamp', alt: 'A white desk lamp, switched on', file: null });
    expect((body.get('0') as File).name).toBe('lamp.png');

    await screen.findByText('Added the picture.');
    const list = within(section).getByRole('list', { name: 'Pictures of Desk lamp' });
    const shown = within(list).getAllByTestId('seller-picture');
    expect(shown).toHaveLength(1);
    expect(within(shown[0]).getByRole('img', { name: 'A white desk lamp, switched on' })).toHaveAttribute('src', '/media/1-160.webp');
    expect(shown[0]).toHaveTextContent('Main');
    expect(shown[0]).toHaveTextContent('A white desk lamp, switched on');
    // Ready for the next one.
    expect(altInput()).toHaveValue('');
    expect(fileInput().files).toHaveLength(0);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(callsFor(executeQuery, 'SellerProduct').some((c) => c.context?.requestPolicy === 'network-only')).toBe(true);
  });

  it('lists the pictures it has, the first as the main one, with what each shows', () => {
    setupEditor([picture('The lamp', 1), picture('Its switch', 2)]);
    const shown = screen.getAllByTestId('seller-picture');
    expect(shown.map((li) => li.querySelector('img')?.getAttribute('alt'))).toEqual(['The lamp', 'Its switch']);
    expect(shown.map((li) => li.querySelector('img')?.getAttribute('src'))).toEqual(['/media/1-160.webp', '/media/2-160.webp']);
    expect(shown[0]).toHaveTextContent('Main');
    expect(shown[1]).not.toHaveTextContent('Main');
  });

  it('asks for a file and its alt text before sending anything', async () => {
    const { user } = setupEditor();
    const fetch = stubFetch();
    await user.click(submit());
    expect(fileInput()).toHaveAccessibleDescription(/Choose a picture to add\./);
    expect(fileInput()).toHaveFocus();
    expect(altInput()).toHaveAccessibleDescription(/Enter what the picture shows\./);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    [400, 'only PNG, JPEG and WebP pictures are accepted', 'BAD_USER_INPUT', 'This file is not a PNG, JPEG or WebP picture. Choose a picture of one of those kinds.'],
    [413, 'the picture is larger than 5 MiB', 'BAD_USER_INPUT', 'The picture is larger than 5 MiB. Choose a smaller one.'],
    [200, 'only the seller who created it may change this product', 'FORBIDDEN', 'Sellers can add pictures only to the products they created.'],
    [200, 'a product has at most 10 pictures', 'BAD_USER_INPUT', 'This product has 10 pictures already, the most it can have.'],
  ])('says in plain words why the API refused it (HTTP %i: %s)', async (status, message, code, words) => {
    const { user } = setupEditor();
    stubFetch(json({ data: null, errors: [{ message, extensions: { code } }] }, status));
    await user.upload(fileInput(), PNG());
    await user.type(altInput(), 'The lamp');
    await user.click(submit());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The picture was not added');
    expect(alert).toHaveTextContent(words);
    expect(alert).not.toHaveTextContent(code);
    // Nothing added; what was typed stays for another try.
    expect(screen.getByRole('region', { name: 'Pictures' })).toHaveTextContent('No pictures yet');
    expect(altInput()).toHaveValue('The lamp');
    expect(screen.getByTestId('pictures-notice')).toBeEmptyDOMElement();
  });

  it('says so when Vitrine cannot be reached', async () => {
    const { user } = setupEditor();
    stubFetch(new TypeError('Failed to fetch'));
    await user.upload(fileInput(), PNG());
    await user.type(altInput(), 'The lamp');
    await user.click(submit());
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach Vitrine, so the picture was not sent.');
    expect(submit()).toBeEnabled();
  });
});

describe('ProductPictures', () => {
  it('refuses another kind of file, or one too large, before sending it', () => {
    const fetch = stubFetch();
    renderWithRouter(<ProductPictures productId="prd-lamp" productName="Desk lamp" images={[]} onAdded={() => {}} />);
    fireEvent.change(altInput(), { target: { value: 'The lamp' } });
    fireEvent.change(fileInput(), { target: { files: [new File(['GIF89a'], 'lamp.gif', { type: 'image/gif' })] } });
    fireEvent.click(submit());
    expect(fileInput()).toHaveAccessibleDescription(/Choose a PNG, JPEG or WebP picture\./);
    fireEvent.change(fileInput(), { target: { files: [new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' })] } });
    fireEvent.click(submit());
    expect(fileInput()).toHaveAccessibleDescription(/larger than 5 MiB/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it(`has no form once the product has ${MAX_PICTURES} pictures`, () => {
    const ten = Array.from({ length: MAX_PICTURES }, (_, i) => picture(`Picture ${i}`, i));
    renderWithRouter(<ProductPictures productId="prd-lamp" productName="Desk lamp" images={ten} onAdded={() => {}} />);
    expect(screen.queryByRole('form', { name: 'Add a picture' })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Pictures' })).toHaveTextContent(`This product has ${MAX_PICTURES} pictures, the most it can have.`);
  });

  it('checkPicture leaves the kind to the API when the browser names none', () => {
    expect(checkPicture(null)).toBe('Choose a picture to add.');
    expect(checkPicture(new File(['x'], 'photo', { type: '' }))).toBeNull();
    expect(checkPicture(new File(['x'], 'a.webp', { type: 'image/webp' }))).toBeNull();
    expect(checkPicture(new File([], 'a.png', { type: 'image/png' }))).toBe('This file is empty. Choose another.');
  });
});
