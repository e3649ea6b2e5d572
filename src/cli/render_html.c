/*
 * render_html.c: --report --format=html. One self-contained page: no
 * script, no external stylesheet, font or image, so it opens offline, in
 * a mail client that shows HTML, and under a strict Content-Security-
 * Policy (the page's own says so; its one <style> is allowed by its
 * hash). Charts are inline SVG, each with a text alternative, and the
 * tables below them hold the same figures. Colours follow the text
 * output (green sent, yellow deferred, red bounced) with a pattern per
 * status, so no meaning rests on colour alone; light and dark follow
 * prefers-color-scheme; a phone gets one column, a printer black on
 * white. Every string from a log is escaped: a reply text holding
 * "<script>" is shown as text.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "report.h"

/* The page's stylesheet; the page's policy allows it by its SHA-256
 * (style_hash()). */
#define STYLE \
":root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#f6f8fa;" \
"--sent:#1a7f37;--deferred:#bf8700;--bounced:#cf222e;--expired:#8250df;--rejected:#57606a}" \
"@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;" \
"--line:#30363d;--card:#161b22;--sent:#3fb950;--deferred:#d29922;--bounced:#f85149;" \
"--expired:#a371f7;--rejected:#9198a1}}" \
"*{box-sizing:border-box}" \
"body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--fg);" \
"font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" \
"h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem;" \
"border-bottom:1px solid var(--line);padding-bottom:.3rem}" \
".muted{color:var(--muted)}" \
".cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}" \
".card{background:var(--card);border:1px solid var(--line);border-radius:6px;" \
"padding:.5rem .8rem;min-width:8.5rem}" \
".card b{display:block;font-size:1.4rem}" \
".card i{display:inline-block;width:.8rem;height:.8rem;margin-inline-end:.3rem;" \
"border-radius:2px;vertical-align:-1px}" \
"figure{margin:0}svg{width:100%;height:auto;display:block}" \
"svg text{fill:var(--fg);font-size:11px;font-family:inherit}" \
"svg .axis{stroke:var(--line)}svg .grid{stroke:var(--line);stroke-dasharray:2 3}" \
".s0{fill:var(--sent)}.s1{fill:var(--deferred)}.s2{fill:var(--bounced)}" \
".s3{fill:var(--expired)}.s4{fill:var(--rejected)}" \
".c0{background:var(--sent)}.c1{background:var(--deferred)}" \
".c2{background:var(--bounced)}.c3{background:var(--expired)}" \
".c4{background:var(--rejected)}.nw{white-space:nowrap}" \
".p{fill-opacity:.55}" \
".legend{display:flex;flex-wrap:wrap;gap:.8rem;margin:.3rem 0;font-size:.9rem}" \
".legend svg{width:1rem;height:1rem;display:inline-block;vertical-align:-3px;" \
"margin-inline-end:.3rem}" \
".wrap{overflow-x:auto}" \
"table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}" \
"th,td{text-align:start;padding:.3rem .5rem;border-bottom:1px solid var(--line);" \
"vertical-align:top}" \
"td.n,th.n{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}" \
"code{font-size:.88rem}a{color:inherit}" \
"footer{margin:2rem 0 1rem;font-size:.85rem;color:var(--muted)}" \
"@media (max-width:40rem){body{font-size:14px;padding:.6rem}.card{min-width:45%}}" \
"@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--line:#999;--card:#fff}" \
"body{max-width:none}figure,table,tr{break-inside:avoid}a{text-decoration:none}" \
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"

/* --- SHA-256 (FIPS 180-4), for the policy's hash of the stylesheet --- */

static uint32_t
ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void
sha256(const unsigned char *msg, size_t len, unsigned char out[32])
{
	static const uint32_t k[64] = {
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
		0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
		0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
		0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
		0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
		0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
		0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
		0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
		0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
		0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
		0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
	};
	uint32_t h[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};
	size_t blocks = (len + 9 + 63) / 64, b, i;

	for (b = 0; b < blocks; b++) {
		uint32_t w[64], a[8], t1, t2;
		unsigned char block[64];

		for (i = 0; i < 64; i++) {
			size_t at = b * 64 + i;
			unsigned long long bits = (unsigned long long)len * 8;
			block[i] = at < len ? msg[at] : at == len ? 0x80 :
			    b == blocks - 1 && i >= 56 ?
			    (unsigned char)(bits >> (8 * (63 - i))) : 0;
		}
		for (i = 0; i < 16; i++)
			w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
			    (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
		for (i = 16; i < 64; i++)
			w[i] = w[i - 16] + (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^
			    (w[i - 15] >> 3)) + w[i - 7] + (ror(w[i - 2], 17) ^
			    ror(w[i - 2], 19) ^ (w[i - 2] >> 10));
		memcpy(a, h, sizeof a);
		for (i = 0; i < 64; i++) {
			t1 = a[7] + (ror(a[4], 6) ^ ror(a[4], 11) ^ ror(a[4], 25)) +
			    ((a[4] & a[5]) ^ (~a[4] & a[6])) + k[i] + w[i];
			t2 = (ror(a[0], 2) ^ ror(a[0], 13) ^ ror(a[0], 22)) +
			    ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]));
			memmove(a + 1, a, 7 * sizeof a[0]);
			a[4] += t1;
			a[0] = t1 + t2;
		}
		for (i = 0; i < 8; i++)
			h[i] += a[i];
	}
	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

/* "sha256-BASE64" of the stylesheet, for the policy. */
static const char *
style_hash(char buf[64])
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char d[32];
	size_t i, o = 7;

	sha256((const unsigned char *)STYLE, sizeof STYLE - 1, d);
	memcpy(buf, "sha256-", 7);
	for (i = 0; i < 32; i += 3) {
		unsigned v = (unsigned)d[i] << 16 | (i + 1 < 32 ? (unsigned)d[i + 1] << 8 : 0) |
		    (i + 2 < 32 ? d[i + 2] : 0);
		buf[o++] = b64[v >> 18 & 63];
		buf[o++] = b64[v >> 12 & 63];
		buf[o++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
		buf[o++] = i + 2 < 32 ? b64[v & 63] : '=';
	}
	buf[o] = '\0';
	return buf;
}

/* The statuses as the charts draw them: class sN, pattern N. */
enum { N_SERIES = 5 };
static const enum smtpcode_status series[N_SERIES] = {
	SMTPCODE_STATUS_SENT, SMTPCODE_STATUS_DEFERRED, SMTPCODE_STATUS_BOUNCED,
	SMTPCODE_STATUS_EXPIRED, SMTPCODE_STATUS_REJECTED
};

/* --- Escaping --------------------------------------------------------- */

/* Text for HTML, from anywhere: markup characters as entities, control
 * characters and bytes that are not UTF-8 as U+FFFD. */
static void
html_n(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, run;
	unsigned cp;

	while (i < n) {
		for (run = 0; i + run < n && u[i + run] >= 0x20 && u[i + run] < 0x7f &&
		    u[i + run] != '<' && u[i + run] != '>' && u[i + run] != '&' &&
		    u[i + run] != '"' && u[i + run] != '\''; run++)
			;
		if (run > 0) {
			out_mem(s + i, run);
			i += run;
			continue;
		}
		switch (u[i]) {
		case '<': out_str("&lt;"); i++; continue;
		case '>': out_str("&gt;"); i++; continue;
		case '&': out_str("&amp;"); i++; continue;
		case '"': out_str("&quot;"); i++; continue;
		case '\'': out_str("&#39;"); i++; continue;
		case '\t': out_char(' '); i++; continue;
		default: break;
		}
		if (u[i] >= 0x80 && (k = utf8_decode(u + i, n - i, &cp)) > 0 &&
		    cp >= 0xa0 && cp != 0x2028 && cp != 0x2029) {
			out_mem(s + i, k);
			i += k;
			continue;
		}
		out_str("\xef\xbf\xbd");        /* U+FFFD */
		i++;
	}
}

static void
html(const char *s)
{
	html_n(s, strlen(s));
}

static void
num(unsigned long long n)
{
	char b[32];

	out_str(thousands(n, b));
}

/* --- Pieces ----------------------------------------------------------- */

/* The patterns that tell the statuses apart without colour: sent plain,
 * deferred stripes, bounced cross-hatch, expired dots, rejected
 * diagonal the other way. id: unique within the page. */
static void
patterns(const char *id)
{
	int k;

	out_str("<defs>");
	for (k = 0; k < N_SERIES; k++) {
		out_printf("<pattern id=\"%s%d\" width=\"6\" height=\"6\" "
		    "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" "
		    "class=\"s%d\"/>", id, k, k);
		switch (k) {
		case 1:
			out_str("<path d=\"M0 6L6 0\" stroke=\"#fff\" stroke-opacity=\".6\"/>");
			break;
		case 2:
			out_str("<path d=\"M0 0L6 6M0 6L6 0\" stroke=\"#fff\" stroke-opacity=\".6\"/>");
			break;
		case 3:
			out_str("<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#fff\" fill-opacity=\".7\"/>");
			break;
		case 4:
			out_str("<path d=\"M0 0L6 6\" stroke=\"#fff\" stroke-opacity=\".6\"/>");
			break;
		default:
			break;
		}
		out_str("</pattern>");
	}
	out_str("</defs>");
}

static const char *
series_label(const struct labels *L, int k)
{
	switch (k) {
	case 0: return L->rep_sent;
	case 1: return L->rep_deferred;
	case 2: return L->rep_bounced;
	case 3: return L->rep_expired;
	default: return L->rep_rejected;
	}
}

/* A legend: a swatch with the pattern and the name of each series from
 * first to last. */
static void
legend(const char *id, const struct labels *L, int first, int last)
{
	int k;

	out_str("<div class=\"legend\" aria-hidden=\"true\">");
	for (k = first; k <= last; k++) {
		out_printf("<span><svg viewBox=\"0 0 12 12\">");
		if (k == first)
			patterns(id);
		out_printf("<rect width=\"12\" height=\"12\" fill=\"url(#%s%d)\"/></svg>", id, k);
		html(series_label(L, k));
		out_str("</span>");
	}
	out_str("</div>");
}

/* A "nice" top for an axis: 1, 2 or 5 times a power of ten. */
static unsigned long long
nice_top(unsigned long long max)
{
	unsigned long long p = 1;

	if (max < 1)
		return 1;
	while (p * 10 <= max)
		p *= 10;
	if (max <= p)
		return p;
	if (max <= 2 * p)
		return 2 * p;
	if (max <= 5 * p)
		return 5 * p;
	return 10 * p;
}

static unsigned long long
sum5(const unsigned long long *status)
{
	int k;
	unsigned long long n = 0;

	for (k = 0; k < N_SERIES; k++)
		n += status[series[k]];
	return n;
}

/* --- Charts ----------------------------------------------------------- */

/* Points of the time series: the report's buckets, merged into days when
 * the log spans more than three days. */
struct point {
	long long start;
	unsigned long long status[SMTPCODE_STATUS_COUNT];
};

static size_t
time_points(const struct report *r, struct point *p, long long *width)
{
	size_t n = 0, i, k;
	long long w = r->bucket_width;

	if (r->first < 0)
		return 0;
	if (w < 86400 && r->last - r->first > 3LL * 86400)
		w = 86400;
	for (i = 0; i < REPORT_BUCKETS; i++) {
		const struct bucket *b = &r->bucket[i];
		long long start;

		if (b->start > r->last)
			break;
		start = b->start - ((b->start % w) + w) % w;
		if (n == 0 || p[n - 1].start != start) {
			if (n == REPORT_BUCKETS)
				break;
			memset(&p[n], 0, sizeof p[n]);
			p[n].start = start;
			n++;
		}
		for (k = 0; k < SMTPCODE_STATUS_COUNT; k++)
			p[n - 1].status[k] += b->status[k];
	}
	*width = w;
	return n;
}

static void
chart_time(const struct report *r, const struct labels *L)
{
	static struct point p[REPORT_BUCKETS];
	long long w;
	size_t n = time_points(r, p, &w), i, step;
	unsigned long long max = 0, top;
	const double W = 720, H = 220, left = 48, bottom = 24, right = 8, topm = 8;
	double bw, x;
	char t1[32], t2[32];
	int k;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (sum5(p[i].status) > max)
			max = sum5(p[i].status);
	top = nice_top(max);
	bw = (W - left - right) / (double)n;
	out_join("<h2 id=\"time\">", (char *)NULL);
	html(L->rep_over_time);
	if (w == 3600 || w == 86400) {
		out_str(" <span class=\"muted\">(");
		html(w == 3600 ? L->rep_per_hour : L->rep_per_day);
		out_str(")</span>");
	}
	out_str("</h2>\n<figure>");
	legend("t", L, 0, N_SERIES - 1);
	out_printf("<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"time-t time-d\">",
	    W, H);
	out_str("<title id=\"time-t\">");
	html(L->rep_over_time);
	out_str("</title><desc id=\"time-d\">");
	html(bucket_time(p[0].start, r->year_known, t1));
	out_str(" - ");
	html(bucket_time(p[n - 1].start, r->year_known, t2));
	out_str(": ");
	for (k = 0; k < N_SERIES; k++) {
		unsigned long long total = 0;
		for (i = 0; i < n; i++)
			total += p[i].status[series[k]];
		if (k > 0)
			out_str(", ");
		num(total);
		out_char(' ');
		html(series_label(L, k));
	}
	out_str("</desc>");
	patterns("tp");
	/* grid and scale: 0, half, top */
	for (k = 0; k <= 2; k++) {
		double y = topm + (H - bottom - topm) * (1.0 - k / 2.0);
		out_printf("<line class=\"%s\" x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>",
		    k == 0 ? "axis" : "grid", left, W - right, y, y);
		out_printf("<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", left - 4, y + 4);
		num(top * (unsigned long long)k / 2);
		out_str("</text>");
	}
	for (i = 0; i < n; i++) {
		double y = H - bottom;
		x = left + bw * (double)i;
		for (k = 0; k < N_SERIES; k++) {
			unsigned long long v = p[i].status[series[k]];
			double h = (H - bottom - topm) * (double)v / (double)top;
			if (v == 0)
				continue;
			y -= h;
			out_printf("<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
			    "fill=\"url(#tp%d)\"/>", x + bw * 0.1, y, bw * 0.8 > 0.5 ? bw * 0.8 : 0.5,
			    h, k);
		}
	}
	/* a few time labels under the axis */
	step = n / 6 + 1;
	for (i = 0; i < n; i += step) {
		size_t len;

		x = left + bw * ((double)i + 0.5);
		out_printf("<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">", x, H - 6);
		bucket_time(p[i].start, r->year_known, t1);
		/* a day's bar: its date alone */
		len = strlen(t1);
		if (w >= 86400 && len > 6 && strcmp(t1 + len - 6, " 00:00") == 0)
			t1[len - 6] = '\0';
		html(t1);
		out_str("</text>");
	}
	out_str("</svg></figure>\n");
}

/* Horizontal bars, one a row, each split by status: reasons, domains,
 * block lists. name(i) and counts(i) give row i. */
struct bars {
	const char *id;                 /* for the patterns and labels */
	const char *title;
	size_t n;
	const char *name[24];
	const unsigned long long *status[24];
	int first, last;                /* the series drawn */
};

static void
chart_bars(const struct bars *b, const struct labels *L)
{
	const double W = 720, left = 170, right = 60, row = 22;
	double H = row * (double)b->n + 8;
	unsigned long long max = 1;
	size_t i;
	int k;

	if (b->n == 0)
		return;
	for (i = 0; i < b->n; i++) {
		unsigned long long t = 0;
		for (k = b->first; k <= b->last; k++)
			t += b->status[i][series[k]];
		if (t > max)
			max = t;
	}
	out_str("<figure>");
	legend(b->id, L, b->first, b->last);
	out_printf("<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%s-t %s-d\">",
	    W, H, b->id, b->id);
	out_printf("<title id=\"%s-t\">", b->id);
	html(b->title);
	out_printf("</title><desc id=\"%s-d\">", b->id);
	for (i = 0; i < b->n; i++) {
		unsigned long long t = 0;
		for (k = b->first; k <= b->last; k++)
			t += b->status[i][series[k]];
		if (i > 0)
			out_str("; ");
		html(b->name[i]);
		out_char(' ');
		num(t);
	}
	out_str("</desc>");
	{
		char pid[16];
		snprintf(pid, sizeof pid, "%sp", b->id);
		patterns(pid);
	}
	for (i = 0; i < b->n; i++) {
		double y = 4 + row * (double)i, x = left;
		unsigned long long t = 0;

		out_printf("<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", left - 6, y + 14);
		html(b->name[i]);
		out_str("</text>");
		for (k = b->first; k <= b->last; k++) {
			unsigned long long v = b->status[i][series[k]];
			double w = (W - left - right) * (double)v / (double)max;
			t += v;
			if (v == 0)
				continue;
			out_printf("<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.0f\" "
			    "fill=\"url(#%sp%d)\"/>", x, y + 2, w, row - 6, b->id, k);
			x += w;
		}
		out_printf("<text x=\"%.1f\" y=\"%.1f\">", x + 4, y + 14);
		num(t);
		out_str("</text>");
	}
	out_str("</svg></figure>\n");
}

/* --- Sections --------------------------------------------------------- */

static void
th(const char *s, int numeric)
{
	out_str(numeric ? "<th class=\"n\">" : "<th>");
	html(s);
	out_str("</th>");
}

static void
td_num(unsigned long long n)
{
	out_str("<td class=\"n\">");
	num(n);
	out_str("</td>");
}

static void
card(const char *label, unsigned long long n, int series_k)
{
	out_str("<div class=\"card\"><b>");
	num(n);
	out_str("</b>");
	if (series_k >= 0)
		out_printf("<i class=\"c%d\"></i>", series_k);
	html(label);
	out_str("</div>");
}

static void
card_rate(const char *label, unsigned long long part, unsigned long long whole)
{
	out_printf("<div class=\"card\"><b>%.1f%%</b>",
	    whole ? 100.0 * (double)part / (double)whole : 0.0);
	html(label);
	out_str("</div>");
}

/* A section's heading, its anchor id and title. */
static void
heading(const char *id, const char *title)
{
	out_join("<h2 id=\"", id, "\">", (char *)NULL);
	html(title);
	out_str("</h2>\n");
}

/* A section with a chart: its heading, and the chart's settings (series
 * first to last, bars with ids starting bar_id) made empty. */
static void
chart_section(const char *id, const char *title, struct bars *b,
    const char *bar_id, int first, int last)
{
	heading(id, title);
	memset(b, 0, sizeof *b);
	b->id = bar_id;
	b->title = title;
	b->first = first;
	b->last = last;
}

static void
section_reasons(const struct report *r, const struct labels *L)
{
	int idx[REPORT_REASONS];
	size_t n = report_reasons(r, idx, REPORT_REASONS), i, j;
	struct bars b;

	if (n == 0)
		return;
	chart_section("reasons", L->rep_by_reason, &b, "r", 1, 3);
	for (i = 0; i < n && b.n < 24; i++) {
		b.name[b.n] = idx[i] ? reason_name(idx[i]) : "-";
		b.status[b.n++] = r->reason[idx[i]].status;
	}
	chart_bars(&b, L);
	out_str("<div class=\"wrap\"><table><thead><tr>");
	th(L->rep_count, 1);
	th(L->reason, 0);
	th(L->rep_codes, 0);
	th(L->rep_domains, 0);
	th(L->provider, 0);
	th(L->rep_hard, 1);
	out_str("</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		const struct reason_row *row = &r->reason[idx[i]];
		const struct top_item *item[REPORT_TOP];
		struct smtpcode_reason_info info = { .size = sizeof info };
		size_t m;
		int p = top_provider(row->provider);

		out_str("<tr>");
		td_num(row->n);
		out_str("<td><b>");
		html(idx[i] ? reason_name(idx[i]) : "-");
		out_str("</b>");
		if (idx[i] && smtpcode_reason_info(idx[i], &info)) {
			out_str("<br><span class=\"muted\">");
			html(info.gloss);
			out_str("</span>");
		}
		out_str("</td><td>");
		m = top_sorted(&row->codes, item, 3);
		for (j = 0; j < m; j++) {
			out_str(j ? "<br><span class=\"nw\"><code>" : "<span class=\"nw\"><code>");
			html(item[j]->key);
			out_str("</code> ");
			num(item[j]->n);
			out_str("</span>");
		}
		out_str("</td><td>");
		m = top_sorted(&row->domains, item, 4);
		for (j = 0; j < m; j++) {
			out_str(j ? "<br><span class=\"nw\">" : "<span class=\"nw\">");
			html(item[j]->key);
			out_char(' ');
			num(item[j]->n);
			out_str("</span>");
		}
		out_str("</td><td>");
		html(p ? provider_name(p) : "");
		out_str("</td>");
		td_num(row->hard);
		out_str("</tr>\n");
	}
	out_str("</tbody></table></div>\n");
}

static void
status_cells(const unsigned long long *status)
{
	int k;

	for (k = 0; k < 4; k++)
		td_num(status[series[k]]);
}

static void
status_heads(const struct labels *L)
{
	int k;

	for (k = 0; k < 4; k++)
		th(series_label(L, k), 1);
}

static void
section_domains(const struct report *r, const struct labels *L)
{
	int idx[REPORT_DOMAINS];
	size_t n = report_domains(r, idx, REPORT_DOMAINS), i, shown;
	struct bars b;

	if (n == 0)
		return;
	shown = n < 20 ? n : 20;       /* n > 0 */
	chart_section("domains", L->rep_top_domains, &b, "d", 0, 3);
	/* cppcheck-suppress knownConditionTrueFalse ; cppcheck takes report_domains() to return 0 */
	for (i = 0; i < shown && i < 15; i++) {
		b.name[b.n] = r->domain[idx[i]].name;
		b.status[b.n++] = r->domain[idx[i]].status;
	}
	chart_bars(&b, L);
	out_str("<div class=\"wrap\"><table><thead><tr>");
	th(L->rep_domain, 0);
	status_heads(L);
	th(L->rep_top_reason, 0);
	out_str("</tr></thead><tbody>\n");
	/* cppcheck-suppress knownConditionTrueFalse ; cppcheck takes report_domains() to return 0 */
	for (i = 0; i < shown; i++) {
		const struct domain_row *d = &r->domain[idx[i]];
		int reason = domain_top_reason(d);

		out_str("<tr><td>");
		html(d->name);
		out_str("</td>");
		status_cells(d->status);
		out_str("<td>");
		html(reason ? reason_name(reason) : "");
		out_str("</td></tr>\n");
	}
	/* cppcheck-suppress knownConditionTrueFalse ; cppcheck takes report_domains() to return 0 */
	if (n > shown || domain_failures(&r->others) + r->others.status[0] > 0) {
		unsigned long long rest[SMTPCODE_STATUS_COUNT];
		size_t k;

		memcpy(rest, r->others.status, sizeof rest);
		for (i = shown; i < n; i++)
			for (k = 0; k < SMTPCODE_STATUS_COUNT; k++)
				rest[k] += r->domain[idx[i]].status[k];
		out_str("<tr><td><i>");
		html(L->rep_others);
		out_str("</i></td>");
		status_cells(rest);
		out_str("<td></td></tr>\n");
	}
	out_str("</tbody></table></div>\n");
}

static void
section_providers(const struct report *r, const struct labels *L)
{
	int idx[REPORT_PROVIDERS];
	size_t n = report_providers(r, idx, REPORT_PROVIDERS), i;

	if (n == 0)
		return;
	heading("providers", L->rep_by_provider);
	out_str("<div class=\"wrap\"><table><thead><tr>");
	th(L->provider, 0);
	status_heads(L);
	th(L->rep_top_reason, 0);
	out_str("</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		int best = provider_top_reason(r, idx[i]);

		out_str("<tr><td>");
		html(provider_name(idx[i]));
		out_str("</td>");
		status_cells(r->provider_status[idx[i]]);
		out_str("<td>");
		html(best ? reason_name(best) : "");
		out_str("</td></tr>\n");
	}
	out_str("</tbody></table></div>\n");
}

/* A link to a page of a block list's (our own data: https only). */
static void
page_link(const char *label, const char *url)
{
	if (url[0] == '\0' || (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0))
		return;
	out_str(" <a href=\"");
	html(url);
	out_str("\" rel=\"noreferrer\">");
	html(label);
	out_str("</a>");
}

static void
section_blocklists(const struct report *r, const struct labels *L)
{
	int idx[REPORT_BLOCKLISTS];
	size_t n = report_blocklists(r->blocklist_out, idx, REPORT_BLOCKLISTS), i;
	static unsigned long long counts[24][SMTPCODE_STATUS_COUNT];
	struct bars b;

	if (n == 0)
		return;
	chart_section("blocklists", L->rep_blocklists, &b, "b", 2, 2);
	for (i = 0; i < n && b.n < 24; i++) {
		memset(counts[b.n], 0, sizeof counts[b.n]);
		counts[b.n][SMTPCODE_STATUS_BOUNCED] = r->blocklist_out[idx[i]];
		b.name[b.n] = blocklist_name(idx[i]);
		b.status[b.n] = counts[b.n];
		b.n++;
	}
	chart_bars(&b, L);
	out_str("<div class=\"wrap\"><table><thead><tr>");
	th(L->rep_count, 1);
	th(L->blocklist, 0);
	th(L->action, 0);
	out_str("</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		struct smtpcode_blocklist_info bl = { .size = sizeof bl };

		smtpcode_blocklist_info(idx[i], &bl);
		out_str("<tr>");
		td_num(r->blocklist_out[idx[i]]);
		out_str("<td><b>");
		html(bl.name);
		out_str("</b>");
		page_link(L->rep_lookup, bl.lookup_url);
		page_link(L->rep_delist, bl.delist_url);
		out_str("</td><td>");
		html(bl.action);
		out_str("</td></tr>\n");
	}
	out_str("</tbody></table></div>\n");
}

static void
section_inbound(const struct report *r, const struct labels *L)
{
	int idx[REPORT_BLOCKLISTS];
	size_t k, n, i;

	if (r->status[SMTPCODE_STATUS_REJECTED] == 0)
		return;
	heading("inbound", L->rep_inbound);
	out_str("<div class=\"wrap\"><table><thead><tr>");
	th(L->rep_count, 1);
	th(L->reason, 0);
	out_str("</tr></thead><tbody>\n");
	for (k = 0; k < REPORT_REASONS; k++) {
		struct smtpcode_reason_info info = { .size = sizeof info };

		if (r->inbound_reason[k] == 0)
			continue;
		out_str("<tr>");
		td_num(r->inbound_reason[k]);
		out_str("<td><b>");
		html(k ? reason_name((int)k) : "-");
		out_str("</b>");
		if (k && smtpcode_reason_info((int)k, &info)) {
			out_str(" <span class=\"muted\">");
			html(info.gloss);
			out_str("</span>");
		}
		if (k == (size_t)smtpcode_reason_find("blocked", 7) &&
		    (n = report_blocklists(r->blocklist_in, idx, REPORT_BLOCKLISTS)) > 0) {
			out_str("<br>");
			for (i = 0; i < n; i++) {
				if (i)
					out_str(", ");
				html(blocklist_name(idx[i]));
				out_char(' ');
				num(r->blocklist_in[idx[i]]);
			}
		}
		out_str("</td></tr>\n");
	}
	out_str("</tbody></table></div>\n");
}

/* --- The page --------------------------------------------------------- */

static void
html_report(const struct report *r, const struct render_ctx *c)
{
	const struct labels *L = c->L;
	unsigned long long outcome = r->status[SMTPCODE_STATUS_SENT] +
	    r->status[SMTPCODE_STATUS_BOUNCED] + r->status[SMTPCODE_STATUS_EXPIRED] +
	    r->deferred_rcpt;
	char t1[32], t2[32], hash[64];

	out_str("<!DOCTYPE html>\n<html lang=\"");
	html(L->tag);
	out_str(strcmp(L->tag, "ar") == 0 ? "\" dir=\"rtl\">\n" : "\" dir=\"ltr\">\n");
	out_join("<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src '", style_hash(hash), "'; img-src 'none'; base-uri 'none'; "
	    "form-action 'none'\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n"
	    "<meta name=\"generator\" content=\"smtpcode ", (char *)NULL);
	html(smtpcode_version());
	out_str("\">\n<title>");
	html(L->rep_title);
	out_str("</title>\n<style>" STYLE "</style>\n</head>\n<body>\n<header><h1>");
	html(L->rep_title);
	out_str("</h1>");
	if (r->first >= 0) {
		out_str("<p class=\"muted\">");
		html(L->rep_period);
		out_str(": ");
		html(bucket_time(r->first, r->year_known, t1));
		out_str(" &ndash; ");
		html(bucket_time(r->last, r->year_known, t2));
		out_str("</p>");
	}
	out_str("</header>\n<main>\n");
	if (r->records == 0) {
		out_str("<p>");
		html(L->rep_nothing);
		out_str("</p>\n");
	} else {
		out_str("<section aria-label=\"");
		html(L->rep_deliveries);
		out_str("\"><div class=\"cards\">");
		card(L->rep_sent, r->status[SMTPCODE_STATUS_SENT], 0);
		card(L->rep_deferred, r->deferred_msgs, 1);
		card(L->rep_bounced, r->status[SMTPCODE_STATUS_BOUNCED], 2);
		card(L->rep_expired, r->status[SMTPCODE_STATUS_EXPIRED], 3);
		card(L->rep_rejected, r->status[SMTPCODE_STATUS_REJECTED], 4);
		card_rate(L->rep_bounce_rate, r->status[SMTPCODE_STATUS_BOUNCED] +
		    r->status[SMTPCODE_STATUS_EXPIRED], outcome);
		card_rate(L->rep_deferral_rate, r->deferred_rcpt, outcome);
		out_str("</div></section>\n");
		chart_time(r, L);
		section_reasons(r, L);
		section_domains(r, L);
		section_blocklists(r, L);
		section_providers(r, L);
		section_inbound(r, L);
	}
	out_str("</main>\n<footer>");
	html(L->rep_made_by);
	out_char(' ');
	html(smtpcode_version());
	out_str("</footer>\n</body>\n</html>\n");
}

const struct renderer render_html = {
	.name = "html",
	.report = html_report,
};
