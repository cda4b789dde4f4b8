import { useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { authenticator } from '../../api/auth';
import { MAX_PICTURE_BYTES, PICTURE_TYPES, uploadProductImage } from '../../api/upload';
import { Field } from '../../components/Field';
import { lowerFirst, sentence } from '../../components/Problem';
import type { SellerAddProductImageMutation } from '../../gql/graphql';
import { checkLine, hasErrors } from './forms';
import { useFocusFirstInvalid } from './fields';
import { Problem, type Wording } from './Problem';

/** A product has at most this many pictures (the API refuses more). */
export const MAX_PICTURES = 10;

export type SellerPicture = SellerAddProductImageMutation['addProductImage']['images'][number];

/** How the API's refusals of a picture read here. */
export const UPLOAD_WORDING: Wording = {
  BAD_USER_INPUT: (message) => {
    if (/PNG, JPEG|WebP/i.test(message)) return 'This file is not a PNG, JPEG or WebP picture. Choose a picture of one of those kinds.';
    if (/larger than 5 MiB/i.test(message)) return 'The picture is larger than 5 MiB. Choose a smaller one.';
    if (/at most \d+ pictures/i.test(message)) return `This product has ${MAX_PICTURES} pictures already, the most it can have.`;
    if (/px|pixels|decode|corrupt|picture/i.test(message)) return `The picture could not be used: ${lowerFirst(sentence(message))}`;
    return `Please check the form: ${lowerFirst(sentence(message))}`;
  },
  FORBIDDEN: 'Sellers can add pictures only to the products they created.',
  NETWORK: 'Cannot reach Vitrine, so the picture was not sent. Check the connection and try again.',
};

const ACCEPT = PICTURE_TYPES.join(',');

/** What is wrong with `file` before sending it, in plain words, or null. */
export function checkPicture(file: File | null): string | null {
  if (!file) return 'Choose a picture to add.';
  // The API checks the bytes; a browser that names no type leaves that to it.
  if (file.type && !(PICTURE_TYPES as readonly string[]).includes(file.type)) return 'Choose a PNG, JPEG or WebP picture.';
  if (file.size > MAX_PICTURE_BYTES) return 'The picture is larger than 5 MiB. Choose a smaller one.';
  if (file.size === 0) return 'This file is empty. Choose another.';
  return null;
}

/**
 * A product's pictures in the seller console: thumbnails with what each shows (the first is the
 * main one), and "Add a picture" (a file and its alt text), sent with the multipart request
 * spec. `onAdded` gets the product's pictures after an upload.
 */
export function ProductPictures({
  productId,
  productName,
  images,
  onAdded,
}: {
  productId: string;
  productName: string;
  images: readonly SellerPicture[];
  onAdded: (images: SellerPicture[]) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);
  const [notice, setNotice] = useState('');
  const [added, setAdded] = useState(0);
  const focus = useFocusFirstInvalid();
  const full = images.length >= MAX_PICTURES;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    setError(null);
    const found = { file: checkPicture(file), alt: checkLine(alt, 'what the picture shows', 1, 200) };
    setErrors(found);
    if (hasErrors(found) || !file) {
      focus.refused();
      return;
    }
    setBusy(true);
    try {
      const session = await authenticator.freshSession();
      const result = await uploadProductImage(session?.accessToken ?? null, productId, file, alt.trim());
      if (result.error || !result.data) {
        setError(result.error);
        return;
      }
      onAdded(result.data.addProductImage.images);
      setFile(null);
      setAlt('');
      // A new, empty file input for the next picture.
      setAdded((n) => n + 1);
      setNotice('Added the picture.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="pictures-heading" className="card card-body mb-3" data-testid="seller-pictures">
      <h3 id="pictures-heading" className="h5">
        Pictures
      </h3>
      {images.length === 0 ? (
        <p className="text-secondary">No pictures yet: the catalog shows a lettered tile instead. The first picture is the main one.</p>
      ) : (
        <ul className="list-unstyled d-flex flex-wrap gap-3 seller-pictures" aria-label={`Pictures of ${productName}`}>
          {images.map((image, i) => (
            <li key={`${i}-${image.thumb}`} data-testid="seller-picture">
              <figure className="mb-0">
                <img src={image.thumb} alt={image.alt} width={96} height={96} className="rounded border product-image-contain" loading="lazy" />
                <figcaption className="small text-break mt-1">
                  {i === 0 && <span className="badge text-bg-primary me-1">Main</span>}
                  {image.alt}
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
      <p className="text-success mb-2" role="status" aria-live="polite" data-testid="pictures-notice">
        {notice}
      </p>
      {full ? (
        <p className="mb-0">This product has {MAX_PICTURES} pictures, the most it can have.</p>
      ) : (
        <form ref={focus.ref} onSubmit={submit} noValidate aria-labelledby="add-picture-heading">
          <h4 id="add-picture-heading" className="h6">
            Add a picture
          </h4>
          <div className="row g-0 gx-md-3">
            <div className="col-md-6">
              <Field
                key={added}
                label="Picture file"
                type="file"
                accept={ACCEPT}
                required
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                error={errors.file}
                hint="PNG, JPEG or WebP, at most 5 MiB."
              />
            </div>
            <div className="col-md-6">
              <Field
                label="What the picture shows"
                value={alt}
                onChange={(e) => setAlt(e.target.value)}
                error={errors.alt}
                hint="For people who cannot see it, e.g. “A white desk lamp, switched on”."
                required
                maxLength={200}
              />
            </div>
          </div>
          <Problem error={error} title="The picture was not added" wording={UPLOAD_WORDING} />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Uploading…' : 'Add picture'}
          </button>
        </form>
      )}
    </section>
  );
}
