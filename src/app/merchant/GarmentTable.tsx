import type { GarmentRow } from '../../shared/reports.ts';
import { money } from './format.ts';

export function GarmentTable({
  rows,
  currency,
}: {
  rows: readonly GarmentRow[];
  currency: string;
}) {
  return (
    <table className="merchant-table" aria-label="Garments">
      <thead>
        <tr>
          <th scope="col">Garment</th>
          <th scope="col">Viewed</th>
          <th scope="col">Tried on</th>
          <th scope="col">Added to cart</th>
          <th scope="col">Purchased</th>
          <th scope="col">Units</th>
          <th scope="col">Revenue</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.garment_id} data-garment={row.garment_id}>
            <th scope="row">{row.garment_id}</th>
            <td>{row.view_sessions}</td>
            <td>{row.tryon_sessions}</td>
            <td>{row.add_to_cart_sessions}</td>
            <td>{row.purchase_sessions}</td>
            <td>{row.units}</td>
            <td>{money(row.revenue, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
