/**
 * The one stylesheet, inlined in every page and allowed by its hash in the CSP: no external assets,
 * no extra request, system fonts only. Light and dark follow `prefers-color-scheme`.
 */
export const STYLESHEET = `
:root{--bg:#f5f6f8;--surface:#fff;--text:#17191f;--muted:#5d6472;--faint:#8a91a0;--border:#e2e5ea;--accent:#4338ca;--accent-2:#6366f1;--accent-soft:#eef0ff;--chip:#f0f2f5;--warn-bg:#fff7e6;--warn:#8a5300;--shadow:0 1px 2px rgba(16,24,40,.05),0 1px 3px rgba(16,24,40,.06);color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0e1014;--surface:#161920;--text:#e9ebf0;--muted:#a0a7b5;--faint:#737b8a;--border:#262a33;--accent:#a5b4fc;--accent-2:#818cf8;--accent-soft:#1e2140;--chip:#1f232b;--warn-bg:#2a2110;--warn:#f5c26b;--shadow:none}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;overflow-wrap:anywhere}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
a:focus-visible,button:focus-visible,input:focus-visible{outline:2px solid var(--accent-2);outline-offset:2px;border-radius:6px}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
.site{background:var(--surface);border-bottom:1px solid var(--border);position:sticky;top:0;z-index:1}
.site .wrap{display:flex;align-items:center;gap:1rem;min-height:3.5rem}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.15rem;color:var(--text);letter-spacing:-.01em}
.brand:hover{text-decoration:none}
.brand svg{width:1.6rem;height:1.6rem}
.go{margin-left:auto;display:flex;min-width:0}
.go input{width:11rem;min-width:0;font:inherit;font-size:.95rem;padding:.35rem .75rem;border:1px solid var(--border);border-right:0;border-radius:999px 0 0 999px;background:var(--bg);color:var(--text)}
.go button{font:inherit;font-size:.9rem;padding:.35rem .8rem;border:1px solid var(--accent);background:var(--accent);color:var(--surface);border-radius:0 999px 999px 0;cursor:pointer}
main.wrap{padding-top:1.5rem;padding-bottom:3rem}
h1{font-size:1.65rem;line-height:1.25;margin:.25rem 0 .35rem;letter-spacing:-.02em}
h1 .tag,.hash{color:var(--accent)}
h2{font-size:1.05rem;margin:2rem 0 .75rem}
.sub{color:var(--muted);margin:0 0 1rem;font-size:.95rem}
.sub a{white-space:nowrap}
.tabs{display:inline-flex;background:var(--chip);border-radius:999px;padding:.2rem;margin:.25rem 0 .75rem}
.tabs a{padding:.3rem 1rem;border-radius:999px;color:var(--muted);font-weight:600;font-size:.92rem}
.tabs a:hover{text-decoration:none;color:var(--text)}
.tabs a[aria-current]{background:var(--surface);color:var(--text);box-shadow:var(--shadow)}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem;margin:.4rem 0}
.row .label{color:var(--faint);font-size:.82rem;text-transform:uppercase;letter-spacing:.06em;margin-right:.2rem}
.chip{display:inline-block;padding:.15rem .65rem;border-radius:999px;background:var(--chip);color:var(--text);font-size:.88rem;line-height:1.6}
.chip:hover{text-decoration:none;background:var(--accent-soft);color:var(--accent)}
.chip[aria-current]{background:var(--accent);color:var(--surface)}
.chip small{color:var(--faint);margin-left:.3rem}
.badge{display:inline-block;font-size:.7rem;font-weight:700;letter-spacing:.05em;padding:0 .4rem;border-radius:4px;border:1px solid var(--border);color:var(--muted);text-transform:uppercase;vertical-align:.1em}
.cards{list-style:none;margin:1rem 0 0;padding:0;display:grid;gap:1rem}
.card{background:var(--surface);border:1px solid var(--border);border-radius:16px;padding:1.1rem 1.2rem 1rem;box-shadow:var(--shadow)}
.who{display:flex;align-items:center;gap:.75rem;min-width:0}
.who .names{min-width:0;line-height:1.35}
.who .name{font-weight:650;color:var(--text)}
.who a.name{text-decoration:none}
.who a.name:hover{text-decoration:underline}
.who .name.origin{font-weight:500;font-style:italic;color:var(--muted)}
.who .handle,.meta{color:var(--muted);font-size:.88rem}
/* Separators sit in a strip left of the box that clip-path hides: a wrapped line never starts with "·". */
.meta{display:flex;flex-wrap:wrap;row-gap:.15rem;align-items:center;margin-left:-1.1rem;clip-path:inset(0 0 0 1.1rem)}
.meta>*::before{content:"·";display:inline-block;width:1.1rem;text-align:center;color:var(--faint)}
.avatar{flex:none;display:grid;place-items:center;width:2.6rem;height:2.6rem;border-radius:50%;color:#fff;font-weight:700;font-size:.95rem;letter-spacing:.02em}
.avatar.big{width:3.4rem;height:3.4rem;font-size:1.2rem}
.av0{background:#4f46e5}.av1{background:#0891b2}.av2{background:#059669}.av3{background:#d97706}.av4{background:#db2777}.av5{background:#7c3aed}.av6{background:#dc2626}.av7{background:#475569}
.preview{margin:.8rem 0 .4rem;padding-left:1rem;border-left:3px solid var(--border)}
.preview p{margin:0 0 .6rem}
.preview .more{color:var(--faint);font-size:.9rem}
.card-foot{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.6rem;margin-top:.7rem}
.card-foot .row{margin:0}
.read{display:inline-flex;align-items:center;gap:.35rem;font-weight:650;padding:.4rem .95rem;border-radius:999px;background:var(--accent-soft);color:var(--accent)}
.read:hover{text-decoration:none;background:var(--accent);color:var(--surface)}
.media{color:var(--muted);font-size:.85rem;white-space:nowrap}
.picture{margin:.6rem 0}.picture img{display:block;max-width:100%;height:auto;border-radius:8px;background:var(--muted)}.picture figcaption{color:var(--muted);font-size:.85rem;margin-top:.25rem}
.cw summary{cursor:pointer;font-weight:600;padding:.3rem 0}.cw[open] summary{margin-bottom:.4rem}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1.5rem 0 0}
.button{display:inline-block;padding:.5rem 1.1rem;border-radius:999px;border:1px solid var(--border);background:var(--surface);font-weight:600}
.button:hover{text-decoration:none;border-color:var(--accent)}
.crumb{font-size:.92rem;margin:0 0 1rem}
.thread-head{background:var(--surface);border:1px solid var(--border);border-radius:16px;padding:1.2rem;box-shadow:var(--shadow)}
.thread-head .meta{margin-top:.6rem}
.notice{margin:1rem 0;padding:.75rem 1rem;border-radius:12px;background:var(--warn-bg);color:var(--warn);font-size:.95rem}
.notice a{color:inherit;text-decoration:underline}
.posts{list-style:none;margin:1.5rem 0 0;padding:0;counter-reset:post}
.post{position:relative;display:grid;grid-template-columns:2.2rem 1fr;gap:.9rem;padding-bottom:1.4rem}
.post::before{content:"";position:absolute;left:1.05rem;top:2.4rem;bottom:.2rem;width:2px;background:var(--border)}
.post:last-child::before{display:none}
.num{display:grid;place-items:center;width:2.2rem;height:2.2rem;border-radius:50%;background:var(--accent-soft);color:var(--accent);font-weight:700;font-size:.85rem;font-variant-numeric:tabular-nums}
.post .body{min-width:0;font-size:1.06rem;line-height:1.7}
.post .body p{margin:.1rem 0 .7rem}
.post .meta{font-size:.82rem}
.end{text-align:center;color:var(--faint);margin:.5rem 0 0;font-size:.9rem}
.tags-cloud{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0}
.tags-cloud .chip{font-size:1rem;padding:.35rem .9rem;background:var(--surface);border:1px solid var(--border)}
.hero{padding:.5rem 0 .5rem}
.hero p{color:var(--muted);margin:.2rem 0 0;max-width:36rem}
.empty{background:var(--surface);border:1px dashed var(--border);border-radius:16px;padding:1.5rem;color:var(--muted)}
.site-foot{border-top:1px solid var(--border);color:var(--faint);font-size:.85rem;padding:1.25rem 0 2rem}
.site-foot p{margin:0}
.tags-cloud .w4{font-size:1.2rem;font-weight:650}.tags-cloud .w3{font-size:1.08rem}.tags-cloud .w1{font-size:.92rem}
.tags-cloud+.sub{margin-top:.75rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.more-link{margin:1rem 0 0;text-align:right;font-weight:600}
@media (max-width:520px){.go input{width:7.5rem}.row.scroll{flex-wrap:nowrap;overflow-x:auto;scrollbar-width:none;margin-right:-1rem;padding-right:1rem}.row.scroll>*{flex:none}h1{font-size:1.4rem}.card{padding:1rem;border-radius:14px}.post{grid-template-columns:1.9rem 1fr;gap:.7rem}.num{width:1.9rem;height:1.9rem;font-size:.78rem}.post::before{left:.9rem;top:2.1rem}}
@media print{.site,.go,.pager,.site-foot{display:none}body{background:#fff;color:#000}}
`
  .replace(/\/\*[^*]*\*\//gu, '')
  .trim()
  .replace(/\n/gu, '');
