/** The merchant token input both merchant pages sign in with. */
export function TokenField({
  value,
  onChange,
}: {
  value: string;
  onChange: (token: string) => void;
}) {
  return (
    <label>
      Merchant token
      <input type="password" value={value} onChange={(e) => onChange(e.target.value)} required />
    </label>
  );
}
