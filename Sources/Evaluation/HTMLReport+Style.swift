extension HTMLReport {
    /// The page's inline style sheet: a readable single column, cards for the headline figures, tables with
    /// tabular figures, charts that shrink with the window, narrower margins on a phone, warnings set off by a bar,
    /// and a print layout without folded tables.
    static let style = """

        :root { color-scheme: light; --ink: #222; --muted: #5c5c5c; --line: #d9d9d9; --accent: #0072B2; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f7f7f5; color: var(--ink); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0; }
        h2 { font-size: 1.35rem; margin: 2.5rem 0 0.75rem; padding-top: 0.75rem; border-top: 2px solid var(--line); }
        h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
        p { max-width: 52rem; }
        .lead { color: var(--muted); }
        code { font-size: 0.9em; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px; }
        .card { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 4px; padding: 10px 12px; }
        .card .label { font-size: 0.85rem; color: var(--muted); }
        .card .value { font-size: 1.35rem; font-weight: 600; margin: 2px 0; }
        .card .note { font-size: 0.8rem; color: var(--muted); }
        figure { margin: 1rem 0 0.25rem; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figure.scrolls { overflow-x: auto; }
        figure.scrolls svg { min-width: 440px; }
        figcaption { font-size: 0.85rem; color: var(--muted); max-width: 52rem; margin-top: 4px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(460px, 100%), 1fr)); gap: 8px 24px; }
        details { margin: 0.25rem 0 1rem; }
        summary { cursor: pointer; color: var(--accent); font-size: 0.9rem; }
        div.table { overflow-x: auto; margin: 0.5rem 0 1rem; }
        table { border-collapse: collapse; font-size: 0.85rem; }
        caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; vertical-align: top; }
        th { text-align: left; background: #f2f2f2; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        th.num { white-space: normal; }
        ul.notes li { margin-bottom: 0.25rem; }
        .warning { border-left: 4px solid #E69F00; background: #FFF7E0; padding: 8px 12px; }
        @media (max-width: 600px) { main { padding: 12px 12px 48px; } h1 { font-size: 1.4rem; } }
        @media print { body { background: #fff; } main { padding: 0; } details { display: none; } h2 { break-before: page; } }

        """
}
