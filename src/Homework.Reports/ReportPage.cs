// A report page: reports/<experiment>/index.html with captioned Plotly figures, tables, text and Markdown with math in
// the order added, plotly.min.js (when it has figures) and KaTeX (when it has Markdown) beside it, and one PNG per
// figure. Not a web server: the page opens from disk, offline. Every string that reaches the HTML (titles, captions,
// table cells, text) is escaped here, and Markdown's raw HTML is shown as text, so data can never inject markup.
// A page's folder is published whole: everything is written into a staging folder beside it, which then takes its
// place in one rename, so a failure or a kill before that leaves the previous page, PNGs and records as they were.
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;

namespace Homework.Reports;

/// <summary>
/// The figures of one experiment, saved as one HTML page:
/// <code>
/// var page = new ReportPage("mnist", "MNIST: CS229 PS2 Q4");
/// page.Add(Figure.Line("Loss", "epoch", "loss", train, dev) with { Caption = "..." });
/// string index = page.Save("reports");
/// </code>
/// </summary>
public sealed class ReportPage
{
    /// <summary>The experiment name of the page saved at the top of the reports folder (the report index).</summary>
    public const string Root = ".";

    /// <summary>The plotly.js file name, as copied beside every page with figures.</summary>
    public const string PlotlyFileName = "plotly.min.js";

    /// <summary>The folder KaTeX (script, stylesheet, fonts) is copied to beside every page with Markdown.</summary>
    public const string KatexFolderName = "katex";

    // CommonMark with pipe tables and $…$ / $$…$$ math; raw HTML is escaped, not passed through.
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().DisableHtml().Build();

    private readonly List<Figure> figures = [];
    private readonly List<object> blocks = [];

    /// <summary>
    /// A page for <paramref name="experiment"/> (its folder under the reports root; '/' separates nested folders, as in
    /// <c>cs229-w25/q4-mnist</c>; <see cref="Root"/> for the reports folder itself) titled <paramref name="title"/>.
    /// </summary>
    public ReportPage(string experiment, string title)
    {
        if (experiment != Root && (string.IsNullOrEmpty(experiment) || experiment.Split('/').Any(part => part.Length == 0 ||
                !part.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.') || part.All(c => c == '.'))))
            throw new ArgumentException(
                $"experiment name '{experiment}' is used as a folder name; use lower-case letters, digits, '-', '_' and '.' in '/'-separated parts (e.g. \"cs229-w25/q4-mnist\")",
                nameof(experiment));
        Experiment = experiment;
        Title = Check.Name(title, "report page");
    }

    /// <summary>The folder name under the reports root.</summary>
    public string Experiment { get; }

    /// <summary>The page heading.</summary>
    public string Title { get; }

    /// <summary>The figures in page order.</summary>
    public IReadOnlyList<Figure> Figures => figures;

    /// <summary>Appends <paramref name="figure"/>; it needs a caption and a title no other figure of the page slugs to.</summary>
    public ReportPage Add(Figure figure)
    {
        if (string.IsNullOrWhiteSpace(figure.Caption))
            throw new ArgumentException(
                $"figure '{figure.Title}' has no caption; say what it shows with `with {{ Caption = \"...\" }}`", nameof(figure));
        if (figures.Any(f => f.Slug == figure.Slug))
            throw new ArgumentException(
                $"page '{Experiment}' already has a figure whose title becomes '{figure.Slug}'; give '{figure.Title}' a distinct title", nameof(figure));
        figures.Add(figure);
        blocks.Add(figure);
        return this;
    }

    /// <summary>Appends a table: a heading, column headers, rows of cells (escaped), and an optional caption.</summary>
    public ReportPage AddTable(string heading, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<TableCell>> rows, string caption = "")
    {
        var table = new Table(heading, header, [.. rows], caption);
        if (table.Rows.FirstOrDefault(r => r.Count != header.Count) is { } bad)
            throw new ArgumentException($"table '{heading}' has {header.Count} columns but a row has {bad.Count}: {string.Join(" | ", bad.Select(c => c.Text))}", nameof(rows));
        blocks.Add(table);
        return this;
    }

    /// <summary>Appends a table whose cells are plain text.</summary>
    public ReportPage AddTable(string heading, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string caption = "") =>
        AddTable(heading, header, rows.Select(r => (IReadOnlyList<TableCell>)[.. r.Select(c => new TableCell(c))]), caption);

    /// <summary>Appends paragraphs of plain text (escaped) under an optional heading; each line is one paragraph.</summary>
    public ReportPage AddText(string heading, string text)
    {
        blocks.Add(new Text(heading, text));
        return this;
    }

    private sealed record Table(string Heading, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<TableCell>> Rows, string Caption);

    private sealed record Text(string Heading, string Body);

    private sealed record Rendered(string Html);

    /// <summary>
    /// Appends Markdown (CommonMark, pipe tables, <c>$…$</c> and <c>$$…$$</c> math typeset by the local KaTeX). Raw HTML in
    /// it is shown as text.
    /// </summary>
    public ReportPage AddMarkdown(string markdown)
    {
        blocks.Add(new Rendered(Markdig.Markdown.ToHtml(markdown, Markdown)));
        return this;
    }

    private bool HasMarkdown => blocks.Any(b => b is Rendered);

    /// <summary>The folder this page is saved in.</summary>
    public string Folder(string reportsRoot) => Path.Combine(Path.GetFullPath(reportsRoot), Experiment);

    /// <summary>Where the PNG of <paramref name="figure"/> is written.</summary>
    public string PngPath(string reportsRoot, Figure figure) => Path.Combine(Folder(reportsRoot), figure.Slug + ".png");

    /// <summary>
    /// Writes <c>&lt;reportsRoot&gt;/&lt;experiment&gt;/index.html</c>, copies plotly.min.js (a page with figures) and KaTeX (a page with Markdown) beside it and, when chromium is
    /// installed, exports one PNG per figure: <see cref="Stage"/>, then <see cref="StagedPage.Publish"/>. Returns the index.html path.
    /// </summary>
    public string Save(string reportsRoot, ReportOptions? options = null)
    {
        using var staged = Stage(reportsRoot, options);
        staged.Publish();
        return staged.Index;
    }

    /// <summary>
    /// Writes the page, its scripts and its PNGs into a staging folder beside <c>&lt;reportsRoot&gt;/&lt;experiment&gt;</c>
    /// (the report index, <see cref="Root"/>, into a staging file beside index.html); nothing is visible until
    /// <see cref="StagedPage.Publish"/>. Without chromium the page has no PNGs and one warning says how to install it;
    /// a browser that fails throws <see cref="ChromiumException"/> and leaves everything as it was.
    /// </summary>
    public StagedPage Stage(string reportsRoot, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        if (blocks.Count == 0)
            throw new InvalidOperationException($"page '{Experiment}' is empty; add a figure, table or text before Save");
        var plotly = figures.Count == 0 ? null : PlotlyJs(reportsRoot, options);
        if (plotly is not null && !File.Exists(plotly))
            throw new FileNotFoundException($"{plotly} is missing; fetch plotly.js with ./scripts/setup.sh", plotly);
        var katex = !HasMarkdown ? null : options.Katex ?? Path.GetDirectoryName(Locate(reportsRoot, Path.Combine(KatexFolderName, "katex.min.js"), "KaTeX"))!;
        if (katex is not null && !File.Exists(Path.Combine(katex, "katex.min.js")))
            throw new FileNotFoundException($"{katex}/katex.min.js is missing; fetch KaTeX with ./scripts/setup.sh", katex);

        // Serialised before anything is written, so an invalid figure leaves the previous page intact.
        var (html, figuresJson) = Render();
        var target = Folder(reportsRoot);
        var staged = Experiment == Root ? StagedPage.ForIndex(target) : StagedPage.ForFolder(target);
        try
        {
            if (plotly is not null) CopyIfChanged(plotly, Path.Combine(staged.Folder, PlotlyFileName));
            if (katex is not null)
                foreach (var file in Directory.EnumerateFiles(katex, "*", SearchOption.AllDirectories))
                    CopyIfChanged(file, Path.Combine(staged.Folder, KatexFolderName, Path.GetRelativePath(katex, file)));
            File.WriteAllText(staged.StagedIndex, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (options.ExportPng && plotly is not null) ExportPngs(staged.Folder, plotly, figuresJson, options);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>The plotly.js file pages saved under <paramref name="reportsRoot"/> with <paramref name="options"/> copy and draw with.</summary>
    internal static string PlotlyJs(string reportsRoot, ReportOptions options) =>
        options.PlotlyJs ?? Locate(reportsRoot, Path.Combine("plotly", PlotlyFileName), "plotly.js");

    // The process's running browser draws the figures the page embeds with the page's plotly.js, loaded once in its
    // exporter tab (Chromium.ExportPngs), and returns each as a PNG data URL.
    private void ExportPngs(string folder, string plotly, string figuresJson, ReportOptions options)
    {
        var warnings = options.Warnings ?? Console.Error;
        if (!options.Chromium.IsAvailable)
        {
            warnings.WriteLine($"warning: no PNGs for report '{Experiment}': chromium not found at {options.Chromium.Executable}; " +
                               $"install it with ./scripts/setup.sh. The page is complete without them.");
            return;
        }
        try
        {
            var images = options.Chromium.ExportPngs(plotly, figuresJson);
            foreach (var f in figures)
            {
                var url = images.GetValueOrDefault(f.Slug);
                const string prefix = "data:image/png;base64,";
                if (url is null || !url.StartsWith(prefix, StringComparison.Ordinal))
                {
                    warnings.WriteLine($"warning: PNG of figure '{f.Title}' not written (plotly could not export it). The page is complete without it.");
                    continue;
                }
                File.WriteAllBytes(Path.Combine(folder, f.Slug + ".png"), Convert.FromBase64String(url[prefix.Length..]));
            }
        }
        catch (Exception e) when (e is ChromiumException or FormatException)
        {
            throw new ChromiumException($"the PNGs of report '{Experiment}' could not be made ({e.Message}); nothing of the page was published, the previous one is kept");
        }
    }

    // Same size means same release: the copy (plotly.js is 4.8 MB) is skipped on every re-run of a page.
    private static void CopyIfChanged(string source, string target)
    {
        if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(source).Length) return;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
    }

    /// <summary>
    /// The page's HTML: blocks in the order added; figures as JSON (also returned, for the PNG export), drawn by
    /// plotly.min.js from the same folder.
    /// </summary>
    internal (string Html, string Figures) Render()
    {
        var specs = new JsonArray();
        var body = new StringBuilder();
        foreach (var block in blocks)
            switch (block)
            {
                case Figure f:
                    var plot = f.ToPlotly();
                    plot["slug"] = f.Slug;
                    specs.Add(plot);
                    body.Append(FormattableString.Invariant($"""
                        <figure id="{f.Slug}">
                          <div class="plot" id="plot-{f.Slug}" style="width:{f.Width}px;height:{f.Height}px"></div>
                          <figcaption>{Encode(f.ShownCaption)}</figcaption>
                        </figure>

                        """));
                    break;
                case Table t:
                    if (t.Heading.Length > 0) body.Append($"<h2>{Encode(t.Heading)}</h2>\n");
                    body.Append("<table>\n<tr>");
                    foreach (var h in t.Header) body.Append($"<th>{Encode(h)}</th>");
                    body.Append("</tr>\n");
                    foreach (var row in t.Rows)
                    {
                        body.Append("<tr>");
                        foreach (var c in row) body.Append(c.Html());
                        body.Append("</tr>\n");
                    }
                    body.Append("</table>\n");
                    if (t.Caption.Length > 0) body.Append($"<p class=\"caption\">{Encode(t.Caption)}</p>\n");
                    break;
                case Text x:
                    if (x.Heading.Length > 0) body.Append($"<h2>{Encode(x.Heading)}</h2>\n");
                    foreach (var line in x.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        body.Append($"<p>{Encode(line)}</p>\n");
                    break;
                case Rendered m:
                    body.Append("<div class=\"markdown\">\n").Append(m.Html).Append("</div>\n");
                    break;
            }
        // The default encoder escapes <, > and &, so no string in the data can close the <script> element.
        var json = specs.ToJsonString();
        return ($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{Encode(Title)}}</title>
            {{(figures.Count > 0 ? $"<script src=\"{PlotlyFileName}\"></script>\n" : "")}}{{(HasMarkdown ? KatexHead : "")}}            <style>
              body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1200px; }
              figure { margin: 0 0 40px 0; }
              figcaption, .caption, p { max-width: 880px; line-height: 1.4; }
              figcaption { margin-top: 6px; }
              .caption { color: #555; font-size: 90%; }
              h2 { margin-top: 32px; font-size: 120%; }
              table { border-collapse: collapse; margin: 8px 0; }
              th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; white-space: pre-line; }
              th { background: #f3f3f3; }
              td.agree { background: #e6f4e6; }
              td.miss { background: #fbe3e3; }
              td.note { background: #fff6d6; }
              td.num { text-align: right; font-variant-numeric: tabular-nums; }
              .error { color: #b00; font-weight: bold; }
              body.single { margin: 0; }
              body.single > :not(figure):not(script) { display: none; }
              body.single figcaption { display: none; }
              body.single figure { margin: 0; }
              .markdown { max-width: 880px; line-height: 1.5; }
              .markdown .math.katex-display, .markdown div.math { overflow-x: auto; }
            </style>
            </head>
            <body>
            <h1>{{Encode(Title)}}</h1>
            {{body}}{{(HasMarkdown ? KatexRender : "")}}<script>
            const figures = {{json}};
            const query = new URLSearchParams(location.search);
            // ?figure=<slug> shows that figure alone at its own size.
            const only = query.get("figure");
            if (figures.length > 0 && typeof Plotly === "undefined") {
              document.body.insertAdjacentHTML("afterbegin",
                '<p class="error">plotly.min.js did not load: it belongs next to this page. Run ./scripts/setup.sh, then re-run the experiment.</p>');
            } else {
              if (only) document.body.classList.add("single");
              for (const f of figures) {
                if (only && f.slug !== only) { document.getElementById(f.slug).remove(); continue; }
                Plotly.newPlot("plot-" + f.slug, f.data, f.layout, { displaylogo: false, displayModeBar: only ? false : "hover" });
              }
            }
            </script>
            </body>
            </html>

            """, json);
    }

    internal static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string KatexHead = $"""
        <link rel="stylesheet" href="{KatexFolderName}/katex.min.css">
        <script src="{KatexFolderName}/katex.min.js"></script>

        """;

    // Markdig leaves each formula's TeX in a span (inline, "\(…\)") or div (display, "\[…\]") of class "math";
    // KaTeX typesets it in place. A formula KaTeX cannot parse shows in red (class katex-error), never as a blank.
    private const string KatexRender = """
        <script>
        if (typeof katex === "undefined") {
          document.body.insertAdjacentHTML("afterbegin",
            '<p class="error">katex/katex.min.js did not load: it belongs next to this page. Run ./scripts/setup.sh, then write the page again.</p>');
        } else {
          for (const el of document.querySelectorAll(".markdown .math")) {
            let tex = el.textContent.trim();
            if (tex.startsWith("\\(") || tex.startsWith("\\[")) tex = tex.slice(2, -2);
            katex.render(tex, el, { displayMode: el.tagName === "DIV", throwOnError: false });
          }
        }
        </script>

        """;

    private static string Locate(string reportsRoot, string under, string what)
    {
        var relative = Path.Combine("data", under);
        string[] starts = [Path.GetFullPath(reportsRoot), Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        foreach (var start in starts)
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException(
            $"{relative} not found above {string.Join(", ", starts.Distinct())}; fetch {what} with ./scripts/setup.sh");
    }
}
