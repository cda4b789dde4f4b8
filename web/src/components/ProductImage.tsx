import { useState } from 'react';

/** The picture sizes the API serves (`ProductImage.url(size:)`), as the queries alias them. */
export type PictureSize = 'thumb' | 'card' | 'full';

/** One of `Product.images`, with the sizes its query selected (`images { card: url(size: CARD) alt }`). */
export type Picture = { alt: string } & Partial<Record<PictureSize, string>>;

/** What a product needs to be drawn: its pictures (first = main), a seller-given address, its name. */
export interface Pictured {
  name: string;
  images?: ReadonlyArray<Picture> | null;
  imageUrl?: string | null;
}

/**
 * The picture to show for `product` at `size`: its first picture in that size with its alt
 * text, else the address its seller gave (named after the product), else none (the lettered
 * tile).
 */
export function mainPicture(product: Pictured, size: PictureSize): { src: string; alt: string } | null {
  const first = product.images?.[0];
  const src = first?.[size];
  if (first && src) return { src, alt: first.alt };
  if (product.imageUrl) return { src: product.imageUrl, alt: product.name };
  return null;
}

/** The bundled demo illustrations are drawings (SVG), one file at every size. */
export function isDrawing(src: string): boolean {
  return /\.svg(?:[?#]|$)/i.test(src);
}

/**
 * A product's picture: its first picture in `size` with its alt text (see `mainPicture`), or a
 * lettered pastel tile named after the product when it has none or the picture cannot load.
 * Drawings (SVG) are fitted whole, with some room, on a light background; photos fill the box
 * (`fit="contain"` shows them whole too). `decorative` when the product's name is beside it
 * (the picture then adds nothing for a screen reader).
 */
export function ProductImage({
  product,
  size,
  className = '',
  height = 160,
  width = '100%',
  fit = 'cover',
  loading = 'lazy',
  decorative = false,
  picture,
}: {
  product: Pictured;
  size: PictureSize;
  className?: string;
  height?: number;
  width?: number | string;
  fit?: 'cover' | 'contain';
  loading?: 'lazy' | 'eager';
  decorative?: boolean;
  /** Another of the product's pictures to show instead of its main one (the product page's strip). */
  picture?: Picture;
}) {
  const chosen = picture?.[size] ? { src: picture[size]!, alt: picture.alt } : mainPicture(product, size);
  // The address that failed: another picture (or a changed one) gets its own chance.
  const [failed, setFailed] = useState<string | null>(null);
  if (!chosen || failed === chosen.src) {
    const name = product.name;
    const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
    return (
      <div
        role={decorative ? undefined : 'img'}
        aria-label={decorative ? undefined : name}
        aria-hidden={decorative ? true : undefined}
        className={`product-placeholder d-flex align-items-center justify-content-center fw-bold ${className}`}
        style={{
          height,
          width,
          fontSize: Math.min(40, Math.round(height * 0.45)),
          background: `hsl(${hue} 45% 88%)`,
          color: `hsl(${hue} 45% 30%)`,
        }}
        data-testid="product-placeholder"
      >
        {name.slice(0, 1).toUpperCase()}
      </div>
    );
  }
  const drawing = isDrawing(chosen.src);
  return (
    <img
      src={chosen.src}
      alt={decorative ? '' : chosen.alt}
      className={`product-image ${drawing ? 'product-image-drawing' : fit === 'contain' ? 'product-image-contain' : 'object-fit-cover'} ${className}`}
      style={{ height, width, ...(drawing && { padding: Math.max(2, Math.round(height * 0.08)) }) }}
      loading={loading}
      decoding="async"
      onError={() => setFailed(chosen.src)}
    />
  );
}
