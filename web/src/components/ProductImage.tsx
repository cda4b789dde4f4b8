import { useState } from 'react';

/** The product's picture, or a lettered placeholder when it has none or it cannot load. */
export function ProductImage({
  src,
  name,
  className = '',
  height = 160,
}: {
  src: string | null | undefined;
  name: string;
  className?: string;
  height?: number;
}) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) {
    const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
    return (
      <div
        role="img"
        aria-label={name}
        className={`product-placeholder d-flex align-items-center justify-content-center ${className}`}
        style={{ height, background: `hsl(${hue} 45% 88%)`, color: `hsl(${hue} 45% 30%)` }}
      >
        <span aria-hidden="true" className="display-6 fw-bold">
          {name.slice(0, 1).toUpperCase()}
        </span>
      </div>
    );
  }
  return (
    <img
      src={src}
      alt={name}
      className={`object-fit-cover ${className}`}
      style={{ height, width: '100%' }}
      loading="lazy"
      onError={() => setFailed(true)}
    />
  );
}
