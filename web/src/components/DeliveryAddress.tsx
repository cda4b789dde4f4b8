/** Where an order goes, as a postal address, with the customer's note for the courier. */
export function DeliveryAddress({
  address,
  note,
}: {
  address: { label: string; line1: string; line2?: string | null; city: string; postalCode?: string | null };
  note?: string | null;
}) {
  return (
    <>
      <address className="mb-0 text-break">
        <strong>{address.label}</strong>
        <br />
        {address.line1}
        {address.line2 && <>, {address.line2}</>}
        <br />
        {address.city} {address.postalCode}
      </address>
      {note && <p className="small mt-2 mb-0 text-break">Note: {note}</p>}
    </>
  );
}
