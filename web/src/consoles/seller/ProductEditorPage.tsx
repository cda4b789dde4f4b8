import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { CategoriesQuery } from '../../api/operations';
import { EmptyState, Loading } from '../../components/Status';
import type { ProductInput } from '../../gql/graphql';
import { ProductForm } from './ProductForm';
import { SellerCreateProductMutation, SellerProductQuery, SellerUpdateProductMutation } from './operations';
import { Problem } from './Problem';
import { ProductPictures, type SellerPicture } from './ProductPictures';
import { ProductVariants, type SellerOption, type SellerVariant } from './ProductVariants';

const WORDING = {
  CONFLICT: 'Another product already uses this web name: choose a different one.',
  FORBIDDEN: 'Sellers can change only the products they created.',
};

/**
 * `/seller/products/new` creates a product (`createProduct`); `…/:productId/edit` changes one
 * (`updateProduct`), adds pictures to it (`addProductImage`) and variants (`addProductVariant`).
 */
export function ProductEditorPage() {
  const { productId } = useParams();
  const navigate = useNavigate();
  const [categories, reexecuteCategories] = useQuery({ query: CategoriesQuery });
  const [existing, reexecuteExisting] = useQuery({ query: SellerProductQuery, variables: { id: productId ?? '' }, pause: !productId });
  // The pictures an upload answered with, until the product is asked for again.
  const [uploaded, setUploaded] = useState<{ productId: string; images: SellerPicture[] } | null>(null);
  // Likewise the options and variants after one was added.
  const [varied, setVaried] = useState<{ productId: string; options: SellerOption[]; variants: SellerVariant[] } | null>(null);
  const [created, createProduct] = useMutation(SellerCreateProductMutation);
  const [updated, updateProduct] = useMutation(SellerUpdateProductMutation);

  const editing = !!productId;
  const title = editing ? 'Change a product' : 'New product';
  const back = () => navigate('/seller/products');

  const header = (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb mb-1">
          <li className="breadcrumb-item">
            <Link to="/seller/products">My products</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {editing ? 'Change' : 'New'}
          </li>
        </ol>
      </nav>
      <h2 className="h4">{title}</h2>
    </>
  );

  if (categories.error && !categories.data) {
    return (
      <>
        {header}
        <Problem error={categories.error} title="The categories could not be loaded" onRetry={() => reexecuteCategories({ requestPolicy: 'network-only' })} />
      </>
    );
  }
  if (editing && existing.error && !existing.data) {
    return (
      <>
        {header}
        <Problem error={existing.error} title="The product could not be loaded" />
      </>
    );
  }
  if (!categories.data || (editing && !existing.data)) return <Loading label="Loading…" />;
  const product = existing.data?.product;
  if (editing && !product) {
    return (
      <>
        {header}
        <EmptyState title="No such product">
          <Link to="/seller/products">Back to my products</Link>
        </EmptyState>
      </>
    );
  }

  const submit = async (input: ProductInput) => {
    const result = editing ? await updateProduct({ id: productId, input }) : await createProduct({ input });
    const saved = result.data && ('createProduct' in result.data ? result.data.createProduct : result.data.updateProduct);
    if (saved) {
      navigate('/seller/products', {
        state: { notice: editing ? `Saved “${saved.name}”.` : `Created “${saved.name}”. Offer it in one of your shops to start selling.` },
      });
    }
  };

  const state = editing ? updated : created;
  return (
    <section aria-label={title}>
      {header}
      <ProductForm
        key={product?.id ?? 'new'}
        initial={product ?? undefined}
        categories={categories.data.categories}
        submitLabel={editing ? 'Save product' : 'Create product'}
        busy={state.fetching}
        onSubmit={submit}
        onCancel={back}
      >
        <Problem error={state.error} title={editing ? 'The product was not saved' : 'The product was not created'} wording={WORDING} />
      </ProductForm>
      {product && (
        <ProductVariants
          key={product.id}
          productId={product.id}
          productName={product.name}
          listPrice={product.price}
          options={varied?.productId === product.id ? varied.options : product.options}
          variants={varied?.productId === product.id ? varied.variants : product.variants}
          onAdded={(changed) => {
            setVaried({ productId: product.id, ...changed });
            reexecuteExisting({ requestPolicy: 'network-only' });
          }}
        />
      )}
      {product && (
        <ProductPictures
          productId={product.id}
          productName={product.name}
          images={uploaded?.productId === product.id ? uploaded.images : product.images}
          onAdded={(images) => {
            setUploaded({ productId: product.id, images });
            // And the product as the API now has it.
            reexecuteExisting({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </section>
  );
}
