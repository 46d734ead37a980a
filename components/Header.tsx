export function Header({ subtitle }: { subtitle?: string }) {
  return (
    <header class="header">
      <img src="/icon/48.png" alt="" width={28} height={28} />
      <div>
        <h1>Qlarity</h1>
        {subtitle && <div class="subtitle">{subtitle}</div>}
      </div>
    </header>
  );
}
