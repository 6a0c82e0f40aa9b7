// Headless Debian chromium as a tool: evaluate a script in pages opened one after another in one browser kept running
// for the whole process (DevTools protocol over a local WebSocket), and export plotly figures to PNGs in one tab of it
// that loads plotly.js once (report pages' PNGs): a browser start costs 1.5-5 s and loading plotly.js 1-2 s, a page's
// PNGs in the running exporter tab 0.1-0.6 s. Every browser runs under a small shell guard that removes
// its throw-away profile when it ends, and ends it when this process ends, however it ends (its stdin is our pipe).
// A process started with HOMEWORK_CHROMIUM_DEVTOOLS set (`homework all` sets it for its child runs) uses the browser
// behind that DevTools address instead of starting its own: one browser serves every page of the whole run.
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homework.Reports;

/// <summary>Chromium failed to start, crashed, or took longer than its time limit.</summary>
public sealed class ChromiumException(string message) : Exception(message);

/// <summary>Runs <c>chromium --headless</c> with a temporary profile and no network services.</summary>
public sealed class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>The prefix of every profile folder in the temporary directory.</summary>
    public const string ProfilePrefix = "homework-chromium-";

    /// <summary>A runner for the browser at <paramref name="executable"/>, giving up on a call after <paramref name="timeout"/> (default 120 s).</summary>
    public Chromium(string executable = DebianPath, TimeSpan? timeout = null)
    {
        Executable = executable;
        Timeout = timeout ?? TimeSpan.FromSeconds(120);
    }

    /// <summary>The browser executable.</summary>
    public string Executable { get; }

    /// <summary>The longest one call may run before the browser is killed.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// The environment variable holding another process's browser's DevTools address (<see cref="Endpoint"/>): when set,
    /// this process opens its tabs there and starts no browser of its own.
    /// </summary>
    public const string SharedEndpointVariable = "HOMEWORK_CHROMIUM_DEVTOOLS";

    /// <summary>Whether the executable exists.</summary>
    public bool IsAvailable => File.Exists(Executable);

    /// <summary>
    /// The DevTools address (<c>ws://127.0.0.1:&lt;port&gt;/devtools/browser/&lt;id&gt;</c>) of this process's browser,
    /// started if it is not running: the value of <see cref="SharedEndpointVariable"/> for child processes that should use it.
    /// </summary>
    public string Endpoint() => Running.Get(this).Endpoint;

    /// <summary>
    /// Opens <paramref name="url"/> in this process's running browser (started on first use, or by <see cref="Prestart"/>),
    /// waits for its load event, evaluates <paramref name="expression"/> there (a promise is awaited) and returns its
    /// value as text. The browser stays up for the next page; it ends with the process.
    /// </summary>
    public string Evaluate(string url, string expression) => Use(browser => browser.Evaluate(url, expression, Timeout));

    /// <summary>
    /// Draws plotly figures and returns each as a PNG data URL, by slug (null for a figure plotly could not export).
    /// <paramref name="figuresJson"/> is a JSON array of figures as a report page embeds them (<c>slug</c>, <c>data</c>,
    /// <c>layout</c> with the PNG's <c>width</c> and <c>height</c>), drawn one after another by the plotly.js at
    /// <paramref name="plotlyJs"/> in the running browser's exporter tab, which loads that file once and keeps it for
    /// every later call with the same file.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ExportPngs(string plotlyJs, string figuresJson) =>
        Use(browser => browser.ExportPngs(plotlyJs, figuresJson, Timeout));

    /// <summary>
    /// Starts this process's browser in the background, so its start overlaps other work (an experiment's compute) and
    /// the first <see cref="Evaluate"/> finds it ready; with <paramref name="plotlyJs"/>, its exporter tab then loads that
    /// plotly.js for the first <see cref="ExportPngs"/>. Does nothing when it runs already or chromium is missing; a
    /// failure here is left for the first call to meet and report.
    /// </summary>
    public void Prestart(string? plotlyJs = null)
    {
        if (!IsAvailable) return;
        Running.Prestart(this);
        if (plotlyJs is not null)
            Task.Run(() =>
            {
                try { Running.Get(this).LoadPlotly(plotlyJs, Timeout); }
                catch (Exception e) when (e is ChromiumException or IOException or UnauthorizedAccessException) { /* the first export tries again */ }
            });
    }

    private T Use<T>(Func<DevTools, T> call)
    {
        var browser = Running.Get(this);
        try
        {
            return call(browser);
        }
        catch (ChromiumException)
        {
            // A browser that failed once is not trusted with the next page: the next call starts a fresh one.
            Running.Drop(browser);
            throw;
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3));
    }

    /// <summary>
    /// A browser under the shell guard: the guard starts it with a fresh profile, waits for it, then removes the profile.
    /// The guard's stdin is our pipe; when it closes (we dispose, exit, crash or are killed) the guard kills the browser
    /// and removes the profile. The guard ignores Ctrl-C and SIGTERM so that it outlives the browser to clean up.
    /// </summary>
    private sealed class Guarded : IDisposable
    {
        // $1: the profile folder; the rest: the browser's command line.
        private const string Guard = """
            profile=$1; shift
            trap '' INT TERM HUP
            exec 3<&0
            (trap - INT TERM HUP; exec "$@" "--user-data-dir=$profile" </dev/null 3<&-) &
            browser=$!
            # A background job's stdin is /dev/null unless redirected: the watcher reads our pipe through fd 3.
            (cat >/dev/null; kill -9 $browser) <&3 >/dev/null 2>&1 &
            exec 3<&-
            wait $browser
            status=$?
            rm -rf "$profile"
            exit $status
            """;

        private readonly DirectoryInfo profile;

        private Guarded(Process process, DirectoryInfo profile)
        {
            Process = process;
            this.profile = profile;
        }

        public Process Process { get; }

        public static Guarded Start(Chromium chromium, IReadOnlyList<string> args)
        {
            if (!chromium.IsAvailable)
                throw new ChromiumException($"chromium not found at {chromium.Executable}; install it with ./scripts/setup.sh (Debian package 'chromium')");
            var profile = Directory.CreateTempSubdirectory(ProfilePrefix);
            var psi = SystemProgram.StartInfo("/bin/sh");
            psi.RedirectStandardInput = true;
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(Guard);
            psi.ArgumentList.Add("chromium-guard");
            psi.ArgumentList.Add(profile.FullName);
            psi.ArgumentList.Add(chromium.Executable);
            // No sandbox: the project runs as root in a VM. The rest keeps a headless run quiet and offline.
            foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                         "--disable-dev-shm-usage"])
                psi.ArgumentList.Add(a);
            foreach (var a in args) psi.ArgumentList.Add(a);
            try
            {
                return new Guarded(Process.Start(psi) ?? throw new ChromiumException($"could not start {chromium.Executable}"), profile);
            }
            catch
            {
                profile.Delete(recursive: true);
                throw;
            }
        }

        /// <summary>Closes the guard's stdin (it then kills the browser, if it still runs, and removes the profile) and waits for it.</summary>
        public void Dispose()
        {
            try { Process.StandardInput.Close(); }
            catch (IOException) { /* the guard is gone already */ }
            if (!Process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
            try { if (profile.Exists) profile.Delete(recursive: true); }
            catch (IOException) { /* a killed browser may still hold a file; the OS temp cleaner takes it */ }
            Process.Dispose();
        }
    }

    /// <summary>The process's running browsers, one per executable, each ended when the process exits.</summary>
    private static class Running
    {
        private static readonly Dictionary<string, Task<DevTools>> browsers = [];

        static Running() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (browsers)
                foreach (var b in browsers.Values)
                    if (b.IsCompletedSuccessfully) b.Result.Dispose();
        };

        public static void Prestart(Chromium chromium) => Task(chromium);

        public static DevTools Get(Chromium chromium)
        {
            var start = Task(chromium);
            try
            {
                return start.GetAwaiter().GetResult();
            }
            catch (ChromiumException)
            {
                lock (browsers) browsers.Remove(chromium.Executable);
                throw;
            }
        }

        public static void Drop(DevTools browser)
        {
            lock (browsers)
                foreach (var (key, task) in browsers.ToList())
                    if (task.IsCompletedSuccessfully && task.Result == browser) browsers.Remove(key);
            browser.Dispose();
        }

        private static Task<DevTools> Task(Chromium chromium)
        {
            var shared = Environment.GetEnvironmentVariable(SharedEndpointVariable);
            lock (browsers)
            {
                if (!browsers.TryGetValue(chromium.Executable, out var start))
                    browsers[chromium.Executable] = start = System.Threading.Tasks.Task.Run(() =>
                        string.IsNullOrEmpty(shared) ? DevTools.Start(chromium) : DevTools.Connect(shared, chromium.Timeout));
                return start;
            }
        }
    }

    /// <summary>One running browser driven over the DevTools protocol: a request/response per call, events for page loads.</summary>
    private sealed class DevTools : IDisposable
    {
        // Null when the browser is another process's (SharedEndpointVariable): this process only closes its connection.
        private readonly Guarded? guarded;
        private readonly ClientWebSocket socket = new();
        private readonly Dictionary<int, TaskCompletionSource<JsonElement>> calls = [];
        private readonly Dictionary<(string session, string method), TaskCompletionSource<JsonElement>> events = [];
        private readonly SemaphoreSlim send = new(1, 1);
        private int next;
        private bool disposed;

        private DevTools(Guarded? guarded, string endpoint)
        {
            this.guarded = guarded;
            Endpoint = endpoint;
        }

        public string Endpoint { get; }

        /// <summary>Connects to the browser another process runs at <paramref name="endpoint"/>.</summary>
        public static DevTools Connect(string endpoint, TimeSpan timeout)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != "ws")
                throw new ChromiumException($"{SharedEndpointVariable} is '{endpoint}', not a DevTools address (ws://…); unset it to start a browser of our own");
            var devTools = new DevTools(null, endpoint);
            try
            {
                devTools.socket.Options.KeepAliveInterval = TimeSpan.Zero;
                using var limit = new CancellationTokenSource(timeout);
                devTools.socket.ConnectAsync(uri, limit.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                devTools.socket.Dispose();
                throw new ChromiumException($"could not reach the browser at {SharedEndpointVariable}={endpoint} ({e.Message}); unset it to start a browser of our own");
            }
            _ = devTools.Receive();
            return devTools;
        }

        public static DevTools Start(Chromium chromium)
        {
            var guarded = Guarded.Start(chromium, ["--remote-debugging-port=0", "about:blank"]);
            try
            {
                // The browser prints "DevTools listening on ws://127.0.0.1:<port>/devtools/browser/<id>" on stderr.
                var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var said = new StringBuilder();
                guarded.Process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data is null) { endpoint.TrySetException(new ChromiumException($"chromium ended before it listened: {Tail(said.ToString())}")); return; }
                    lock (said) said.AppendLine(e.Data);
                    var at = e.Data.IndexOf("ws://", StringComparison.Ordinal);
                    if (e.Data.StartsWith("DevTools listening on ", StringComparison.Ordinal) && at >= 0) endpoint.TrySetResult(e.Data[at..].Trim());
                };
                guarded.Process.BeginErrorReadLine();
                guarded.Process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                if (!endpoint.Task.Wait(chromium.Timeout))
                    throw new ChromiumException($"chromium did not start within {chromium.Timeout.TotalSeconds:0} s; the machine may be overloaded, retry later");
                var devTools = new DevTools(guarded, endpoint.Task.Result);
                devTools.socket.Options.KeepAliveInterval = TimeSpan.Zero;
                devTools.socket.ConnectAsync(new Uri(endpoint.Task.Result), CancellationToken.None).GetAwaiter().GetResult();
                _ = devTools.Receive();
                return devTools;
            }
            catch (AggregateException e) when (e.InnerException is ChromiumException c)
            {
                guarded.Dispose();
                throw c;
            }
            catch (Exception e) when (e is ChromiumException or WebSocketException or IOException)
            {
                guarded.Dispose();
                throw e as ChromiumException ?? new ChromiumException($"could not reach chromium's DevTools: {e.Message}");
            }
        }

        /// <summary>Opens <paramref name="url"/> in a new tab, waits for its load event, evaluates, closes the tab.</summary>
        public string Evaluate(string url, string expression, TimeSpan timeout)
        {
            var target = Call("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, timeout).GetProperty("targetId").GetString()!;
            try
            {
                return Script(Open(target, url, timeout), expression, timeout, "the page's script failed");
            }
            finally
            {
                if (!disposed) Call("Target.closeTarget", new JsonObject { ["targetId"] = target }, null, timeout);
            }
        }

        // The exporter tab (one per browser, kept open, shared by the processes using it) and its address, which names
        // the plotly.js it has loaded (path, size and time): a page asking for another file, or a file replaced since,
        // gets a fresh tab with that one.
        private readonly SemaphoreSlim exporting = new(1, 1);
        private (string Target, string Session, string Url)? exporter;
        private const string ExporterMark = "#homework-png-exporter";

        // Run in a page of plotly.js's folder, emptied: a file:// page may load a file:// script, which the browser reads
        // and compiles as a page's <script src> (faster than sending its text through DevTools, which costs half a second).
        private const string LoadScript = """
            (url => new Promise((loaded, failed) => {
              document.documentElement.innerHTML = "<head></head><body></body>";
              addEventListener("error", e => failed(new Error(e.message)), { once: true });
              const script = document.createElement("script");
              script.src = url;
              script.onload = () => loaded(typeof Plotly);
              script.onerror = () => failed(new Error("chromium could not read it"));
              document.head.append(script);
            }))
            """;

        // Each figure is drawn off-screen by Plotly.toImage, which removes its div when it is done; one that fails may
        // leave its div, so every div is purged after each figure and the tab does not grow from page to page. Calls
        // from several processes take turns (window.exporting), so no call's purge meets another's figure.
        private const string ExportFigures = """
            async figures => {
              const previous = window.exporting ?? Promise.resolve();
              let done;
              window.exporting = new Promise(resolve => done = resolve);
              await previous;
              const out = {};
              try {
                for (const f of figures) {
                  try {
                    out[f.slug] = await Plotly.toImage({ data: f.data, layout: f.layout, config: { displaylogo: false, displayModeBar: false } },
                                                       { format: "png", width: f.layout.width, height: f.layout.height });
                  } catch {
                    out[f.slug] = null;
                  } finally {
                    for (const div of document.querySelectorAll("body > div")) { Plotly.purge(div); div.remove(); }
                  }
                }
              } finally {
                done();
              }
              return JSON.stringify(out);
            }
            """;

        /// <summary>Draws the figures of <paramref name="figuresJson"/> in the exporter tab, one after another: slug → PNG data URL, null where plotly failed.</summary>
        public IReadOnlyDictionary<string, string?> ExportPngs(string plotlyJs, string figuresJson, TimeSpan timeout)
        {
            exporting.Wait();
            try
            {
                var session = Exporter(plotlyJs, timeout);
                // The figures travel as a string literal parsed in the tab, so no text of theirs runs as script.
                var json = Script(session, $"({ExportFigures})(JSON.parse({JsonSerializer.Serialize(figuresJson)}))", timeout, "the PNG export failed");
                try
                {
                    return JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
                }
                catch (JsonException e)
                {
                    throw new ChromiumException($"the PNG export returned no figures ({e.Message})");
                }
            }
            finally
            {
                exporting.Release();
            }
        }

        /// <summary>Opens the exporter tab with <paramref name="plotlyJs"/> loaded, unless it is open with that file already.</summary>
        public void LoadPlotly(string plotlyJs, TimeSpan timeout)
        {
            exporting.Wait();
            try
            {
                Exporter(plotlyJs, timeout);
            }
            finally
            {
                exporting.Release();
            }
        }

        // Called holding `exporting`. Returns the exporter tab's session.
        private string Exporter(string plotlyJs, TimeSpan timeout)
        {
            var file = new FileInfo(plotlyJs);
            var url = new Uri(file.DirectoryName + "/").AbsoluteUri +
                      FormattableString.Invariant($"{ExporterMark}:{Uri.EscapeDataString(file.Name)}:{file.Length}:{file.LastWriteTimeUtc.Ticks}");
            if (exporter is { } open)
            {
                if (open.Url == url) return open.Session;
                exporter = null;
                Call("Target.closeTarget", new JsonObject { ["targetId"] = open.Target }, null, timeout);
            }
            // Another process on this browser (SharedEndpointVariable) may have loaded the same file already.
            foreach (var tab in Call("Target.getTargets", [], null, timeout).GetProperty("targetInfos").EnumerateArray())
                if (tab.GetProperty("type").GetString() == "page" && tab.GetProperty("url").GetString() == url)
                {
                    var id = tab.GetProperty("targetId").GetString()!;
                    var attached = Call("Target.attachToTarget", new JsonObject { ["targetId"] = id, ["flatten"] = true }, null, timeout).GetProperty("sessionId").GetString()!;
                    if (Script(attached, "typeof Plotly", timeout, "the exporter tab failed") != "object") continue;
                    exporter = (id, attached, url);
                    return attached;
                }
            var target = Call("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, timeout).GetProperty("targetId").GetString()!;
            try
            {
                var session = Open(target, url, timeout);
                // Parsed and run once here instead of once per page: the bundle is 4.8 MB.
                var loaded = Script(session, $"{LoadScript}({JsonSerializer.Serialize(new Uri(file.FullName).AbsoluteUri)})", timeout,
                    $"{file.FullName} did not load; fetch plotly.js again with ./scripts/setup.sh");
                if (loaded != "object")
                    throw new ChromiumException($"{file.FullName} defines no Plotly, so it is not plotly.js; fetch plotly.js again with ./scripts/setup.sh");
                exporter = (target, session, url);
                return session;
            }
            finally
            {
                if (exporter is null && !disposed) Call("Target.closeTarget", new JsonObject { ["targetId"] = target }, null, timeout);
            }
        }

        // Attaches to the tab `target`, opens `url` there and waits for its load event. Returns the tab's session.
        private string Open(string target, string url, TimeSpan timeout)
        {
            var session = Call("Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true }, null, timeout).GetProperty("sessionId").GetString()!;
            Call("Page.enable", [], session, timeout);
            var loaded = Event(session, "Page.loadEventFired");
            var navigated = Call("Page.navigate", new JsonObject { ["url"] = url }, session, timeout);
            if (navigated.TryGetProperty("errorText", out var error))
                throw new ChromiumException($"chromium could not open {url}: {error.GetString()}");
            Wait(loaded.Task, timeout, $"loading {url}");
            return session;
        }

        // Evaluates in the tab of `session`, awaiting a promise; a thrown error becomes "<failed>: <error>".
        private string Script(string session, string expression, TimeSpan timeout, string failed)
        {
            var result = Call("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true }, session, timeout);
            if (result.TryGetProperty("exceptionDetails", out var thrown))
                throw new ChromiumException($"{failed}: {(thrown.TryGetProperty("exception", out var ex) && ex.TryGetProperty("description", out var d) ? d.GetString() : thrown.GetProperty("text").GetString())}");
            var value = result.GetProperty("result");
            return value.TryGetProperty("value", out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : "";
        }

        private TaskCompletionSource<JsonElement> Event(string session, string method)
        {
            var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (calls) events[(session, method)] = tcs;
            return tcs;
        }

        private JsonElement Call(string method, JsonObject parameters, string? session, TimeSpan timeout)
        {
            var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            int id;
            lock (calls)
            {
                if (disposed) throw new ChromiumException("chromium's DevTools connection is closed");
                id = ++next;
                calls[id] = tcs;
            }
            var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
            if (session is not null) message["sessionId"] = session;
            send.Wait();
            try
            {
                socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
            {
                throw new ChromiumException($"chromium's DevTools connection failed: {e.Message}");
            }
            finally
            {
                send.Release();
            }
            return Wait(tcs.Task, timeout, method);
        }

        private static JsonElement Wait(Task<JsonElement> task, TimeSpan timeout, string what)
        {
            try
            {
                if (!task.Wait(timeout))
                    throw new ChromiumException($"chromium did not finish {what} within {timeout.TotalSeconds:0} s; the machine may be overloaded, retry later");
                return task.Result;
            }
            catch (AggregateException e) when (e.InnerException is ChromiumException c)
            {
                throw c;
            }
        }

        private async Task Receive()
        {
            var buffer = new byte[1 << 16];
            var message = new MemoryStream();
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var part = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (part.MessageType == WebSocketMessageType.Close) break;
                    message.Write(buffer, 0, part.Count);
                    if (!part.EndOfMessage) continue;
                    using var json = JsonDocument.Parse(message.ToArray());
                    message.SetLength(0);
                    Dispatch(json.RootElement.Clone());
                }
            }
            catch (Exception e) when (e is WebSocketException or JsonException or ObjectDisposedException) { /* the calls below fail */ }
            lock (calls)
            {
                disposed = true;
                foreach (var c in calls.Values) c.TrySetException(new ChromiumException("chromium closed its DevTools connection (it crashed or was stopped)"));
                foreach (var e in events.Values) e.TrySetException(new ChromiumException("chromium closed its DevTools connection (it crashed or was stopped)"));
            }
        }

        private void Dispatch(JsonElement message)
        {
            lock (calls)
            {
                if (message.TryGetProperty("id", out var id) && calls.Remove(id.GetInt32(), out var call))
                {
                    if (message.TryGetProperty("error", out var error))
                        call.TrySetException(new ChromiumException($"chromium refused a DevTools call: {error.GetProperty("message").GetString()}"));
                    else call.TrySetResult(message.GetProperty("result"));
                }
                else if (message.TryGetProperty("method", out var method) && message.TryGetProperty("sessionId", out var session) &&
                         events.Remove((session.GetString()!, method.GetString()!), out var waiting))
                    waiting.TrySetResult(message.TryGetProperty("params", out var p) ? p : default);
            }
        }

        public void Dispose()
        {
            lock (calls)
            {
                if (disposed && socket.State != WebSocketState.Open) { guarded?.Dispose(); return; }
                disposed = true;
            }
            if (guarded is null)
            {
                // Another process's browser: only our connection ends (our tabs are closed after each call already).
                try { socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).Wait(TimeSpan.FromSeconds(2)); }
                catch (Exception e) when (e is WebSocketException or ObjectDisposedException or AggregateException) { /* nothing of ours is left */ }
                socket.Dispose();
                return;
            }
            try
            {
                // Browser.close ends chromium cleanly; the guard then removes the profile.
                var close = new JsonObject { ["id"] = 0, ["method"] = "Browser.close" }.ToJsonString();
                socket.SendAsync(Encoding.UTF8.GetBytes(close), WebSocketMessageType.Text, true, CancellationToken.None).Wait(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or AggregateException) { /* the guard stops it */ }
            guarded.Dispose();
            socket.Dispose();
        }
    }
}
