// jobsift/serve.h: the dashboard's HTTP server (cpp-httplib, Debian's
// libcpp-httplib-dev). Every route is fixed and read-only; nothing is read
// from disk after the states are loaded. Requests are bounded at every
// step: the URI and headers (httplib: 8 KiB each), the body (none taken),
// the parameters (known names, once each, 200 bytes of valid UTF-8), the
// connections served and waiting (beyond them: 503), the views computed at
// once, the time to read and to write, and the views kept (LRU).
#include "jobsift/serve.h"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "base/text.h"
#include "jobsift/exit_code.h"
#include "jobsift/report.h"
#include "serve/assets.h"

namespace jobsift {
namespace {

// Set while the listening thread answers a connection the pool had no room
// for: the request is read, then turned away with 503.
thread_local bool tl_turned_away = false;

// httplib's thread pool, with a bound on the connections waiting.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(size_t threads, size_t queue) : room_(std::max<size_t>(threads, 1) + queue) {
    for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i) threads_.emplace_back([this] { Work(); });
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!shutdown_ && busy_ + jobs_.size() < room_) {
        jobs_.push_back(std::move(fn));
        cv_.notify_one();
        return;
      }
    }
    tl_turned_away = true;
    fn();
    tl_turned_away = false;
  }
  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      shutdown_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // shut down, and nothing left
        fn = std::move(jobs_.front());
        jobs_.pop_front();
        ++busy_;
      }
      fn();
      std::lock_guard<std::mutex> lock(mu_);
      --busy_;
    }
  }
  const size_t room_;  // connections served and waiting
  size_t busy_ = 0;    // being served
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  bool shutdown_ = false;
};

// At most `n` holders at once; the others wait.
class Slots {
 public:
  explicit Slots(size_t n) : free_(std::max<size_t>(n, 1)) {}
  void Take() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void Give() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++free_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  size_t free_;
};

// The filter parameters, in the order the cache key and view.filter use.
struct FilterParam {
  const char* name;
  std::string ViewFilter::*field;  // null: tables.half
};
constexpr FilterParam kFilterParams[] = {
    {"half", nullptr},
    {"from", &ViewFilter::from},
    {"to", &ViewFilter::to},
    {"city", &ViewFilter::city},
    {"province", &ViewFilter::province},
    {"tier", &ViewFilter::tier},
    {"industry", &ViewFilter::industry},
    {"degree", &ViewFilter::degree},
    {"size", &ViewFilter::size},
    {"experience", &ViewFilter::experience},
    {"definition", &ViewFilter::definition},
};
constexpr size_t kMaxValueBytes = 200;

std::string& FieldOf(ViewFilter& f, const FilterParam& p) { return p.field ? f.*p.field : f.tables.half; }
const std::string& FieldOf(const ViewFilter& f, const FilterParam& p) { return p.field ? f.*p.field : f.tables.half; }

// A view's canonical form: its filters in kFilterParams order.
std::string Key(const ViewFilter& f) {
  std::string key;
  for (const FilterParam& fp : kFilterParams) {
    key += FieldOf(f, fp);
    key += '\x1f';
  }
  return key;
}

std::string ErrorJson(std::string_view message) {
  std::string out = "{\"error\": ";
  AppendJsonString(message, out);
  out += "}\n";
  return out;
}

void Fail(httplib::Response& res, int status, std::string_view message) {
  res.status = status;
  res.set_content(ErrorJson(message), "application/json; charset=utf-8");
}

// A name from a request, fit to be quoted in an answer.
std::string Quoted(std::string_view s) {
  if (s.size() > 40 || !IsValidUtf8(s)) return "(a name of " + std::to_string(s.size()) + " bytes)";
  return "'" + std::string(s) + "'";
}

std::string Basename(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

struct DashboardServer::Impl {
  LoadedRun run;
  ServeOptions options;
  httplib::Server server;
  std::thread listener;
  std::atomic<bool> listened{false};  // the listening thread is done
  int port = 0;
  std::string meta;  // /api/meta, made once
  Slots computing;
  std::set<std::string, std::less<>> table_ids;

  // Views computed: those of every single filter, made once in the
  // background after the start (Warm) and kept, and the others, most
  // recently used first, at most options.cached_views of them.
  struct Cached {
    std::string key;
    std::shared_ptr<const ReportResult> report;
    std::string json;
  };
  std::mutex cache_mu;
  std::map<std::string, std::shared_ptr<const Cached>, std::less<>> kept;
  std::list<std::shared_ptr<const Cached>> recent;
  std::thread warmer;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> warmed{0}, to_warm{0};

  Impl(const LoadedRun& r, const ServeOptions& o)
      : run(r), options(o),
        computing(o.computing > 0 ? o.computing : std::max(1u, std::thread::hardware_concurrency())) {}

  // A view of every posting, as a request without parameters asks: the
  // server's table choices, counted on every core, cancelled by Stop.
  ViewFilter Blank() {
    ViewFilter f;
    f.tables = options.tables;
    f.tables.half.clear();
    f.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    f.cancel = &stopping;
    return f;
  }
  std::string MetaJson() const;
  // The filter of a request's parameters (and `id` when `with_id`); false
  // with the answer made when they are not acceptable.
  bool ParseFilter(const httplib::Request& req, bool with_id, ViewFilter* f, std::string* id, std::string* key,
                   httplib::Response& res);
  // The view for `f` (`key` its canonical form: Key), from the cache or
  // computed; `keep` keeps it for good.
  StatusOr<std::shared_ptr<const Cached>> ViewOf(const ViewFilter& f, const std::string& key, bool keep = false);
  std::shared_ptr<const Cached> Lookup(const std::string& key);
  // Computes the view of every single filter (each value of each facet,
  // each other definition), one at a time, until done or stopping.
  void Warm();
  void Routes();
};

std::string DashboardServer::Impl::MetaJson() const {
  std::string out = "{\"loaded\": " + std::to_string(run.postings()) +
                    ", \"postings\": " + std::to_string(run.postings() - run.duplicates()) +
                    ", \"duplicates\": " + std::to_string(run.duplicates()) +
                    ", \"min_n\": " + std::to_string(options.tables.min_n) + ", \"states\": [";
  for (size_t i = 0; i < run.states().size(); ++i) {
    if (i > 0) out += ", ";
    AppendJsonString(Basename(run.states()[i]), out);
  }
  out += "], \"definition\": ";
  AppendJsonString(run.definition(), out);
  out += ", \"definitions\": [";
  for (size_t i = 0; i < run.definitions().size(); ++i) {
    const LoadedRun::Definition& d = run.definitions()[i];
    out += i > 0 ? ", {\"name\": " : "{\"name\": ";
    AppendJsonString(d.name, out);
    out += ", \"codes\": ";
    AppendJsonString(d.codes, out);
    out += std::string(", \"available\": ") + (d.available ? "true" : "false") + ", \"why\": ";
    AppendJsonString(d.why, out);
    out += "}";
  }
  out += "], \"dimensions\": {";
  bool first = true;
  for (std::string_view facet : kViewFacets) {
    out += first ? "" : ", ";
    first = false;
    AppendJsonString(facet, out);
    out += ": [";
    const auto& values = run.Values(facet);
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ", ";
      AppendJsonString(values[i], out);
    }
    out += "]";
  }
  out += "}, \"analyses\": [";
  for (size_t i = 0; i < Analyses().size(); ++i) {
    const AnalysisInfo& a = Analyses()[i];
    out += i > 0 ? ", {" : "{";
    const std::pair<const char*, const std::string*> fields[] = {{"id", &a.id},           {"title", &a.title},
                                                                 {"section", &a.section}, {"chart", &a.chart},
                                                                 {"rows", &a.rows},       {"measure", &a.measure}};
    for (size_t k = 0; k < std::size(fields); ++k) {
      out += k > 0 ? ", \"" : "\"";
      out += fields[k].first;
      out += "\": ";
      AppendJsonString(*fields[k].second, out);
    }
    out += "}";
  }
  out += "]}\n";
  return out;
}

bool DashboardServer::Impl::ParseFilter(const httplib::Request& req, bool with_id, ViewFilter* f, std::string* id,
                                        std::string* key, httplib::Response& res) {
  *f = Blank();
  if (req.params.size() > std::size(kFilterParams) + 1) {
    Fail(res, 400, "too many parameters: each filter at most once");
    return false;
  }
  std::set<std::string_view> seen;
  for (const auto& [name, value] : req.params) {
    if (!seen.insert(name).second) {
      Fail(res, 400, Quoted(name) + " is given twice");
      return false;
    }
    if (value.size() > kMaxValueBytes || !IsValidUtf8(value)) {
      Fail(res, 400, Quoted(name) + ": not a value (at most " + std::to_string(kMaxValueBytes) + " bytes of UTF-8)");
      return false;
    }
    if (with_id && name == "id") {
      if (table_ids.count(value) == 0) {
        Fail(res, 404, "no table " + Quoted(value) + ": /api/meta lists the analyses");
        return false;
      }
      *id = value;
      continue;
    }
    const FilterParam* p = nullptr;
    for (const FilterParam& fp : kFilterParams)
      if (name == fp.name) p = &fp;
    if (p == nullptr) {
      Fail(res, 400, "unknown parameter " + Quoted(name) + ": docs/serve.md lists the filters");
      return false;
    }
    FieldOf(*f, *p) = value;
  }
  if (with_id && id->empty()) {
    Fail(res, 400, "id: name the table, e.g. id=F1");
    return false;
  }
  *key = Key(*f);
  return true;
}

std::shared_ptr<const DashboardServer::Impl::Cached> DashboardServer::Impl::Lookup(const std::string& key) {
  std::lock_guard<std::mutex> lock(cache_mu);
  if (auto it = kept.find(key); it != kept.end()) return it->second;
  for (auto it = recent.begin(); it != recent.end(); ++it)
    if ((*it)->key == key) {
      recent.splice(recent.begin(), recent, it);
      return recent.front();
    }
  return nullptr;
}

StatusOr<std::shared_ptr<const DashboardServer::Impl::Cached>> DashboardServer::Impl::ViewOf(
    const ViewFilter& f, const std::string& key, bool keep) {
  if (auto hit = Lookup(key)) return hit;
  computing.Take();
  if (auto hit = Lookup(key)) {  // computed while this one waited
    computing.Give();
    return hit;
  }
  auto report = run.View(f);
  computing.Give();
  if (!report.ok()) return report.status();
  auto made = std::make_shared<Cached>(Cached{key, std::make_shared<const ReportResult>(*report), ""});
  std::string& json = made->json;
  json = "{\"view\": {\"filter\": {";
  for (size_t i = 0; i < std::size(kFilterParams); ++i) {
    json += i > 0 ? ", \"" : "\"";
    json += kFilterParams[i].name;
    json += "\": ";
    const std::string& v = FieldOf(f, kFilterParams[i]);
    if (v.empty()) {
      json += "null";
    } else {
      AppendJsonString(v, json);
    }
  }
  json += "}, \"postings\": " + std::to_string(report->postings()) +
          ", \"duplicates\": " + std::to_string(report->duplicates()) +
          ", \"outside\": " + std::to_string(report->outside_filter()) + "}, \"tables\": ";
  json += report->TablesJson();
  json += "}\n";
  std::shared_ptr<const Cached> c = std::move(made);
  std::lock_guard<std::mutex> lock(cache_mu);
  if (keep) {
    kept[key] = c;
  } else {
    recent.push_front(c);
    while (recent.size() > std::max<size_t>(options.cached_views, 1)) recent.pop_back();
  }
  return c;
}

void DashboardServer::Impl::Warm() {
  std::vector<ViewFilter> views;
  auto one = [&](const FilterParam& p, const std::string& value) {
    ViewFilter f = Blank();
    FieldOf(f, p) = value;
    views.push_back(std::move(f));
  };
  for (const FilterParam& p : kFilterParams) {
    std::string_view name = p.name;
    if (name == "from" || name == "to") continue;  // ranges: a quarter below
    if (name == "definition") {
      for (const LoadedRun::Definition& d : run.definitions())
        if (d.available && d.name != run.definition()) one(p, d.name);
      continue;
    }
    for (const std::string& v : run.Values(name)) one(p, v);
  }
  for (const std::string& q : run.Values("quarter")) {
    ViewFilter f = Blank();
    f.from = f.to = q;
    views.push_back(std::move(f));
  }
  views.insert(views.begin(), Blank());  // the whole, first
  to_warm = views.size();
  for (const ViewFilter& f : views) {
    if (stopping) return;
    if (ViewOf(f, Key(f), true).ok()) ++warmed;
  }
}

void DashboardServer::Impl::Routes() {
  for (const AnalysisInfo& a : Analyses()) table_ids.insert(a.id);
  server.new_task_queue = [this] { return new BoundedPool(options.threads, options.queue); };
  server.set_read_timeout(options.timeout_seconds, 0);
  server.set_write_timeout(options.timeout_seconds, 0);
  server.set_keep_alive_timeout(options.timeout_seconds);
  server.set_keep_alive_max_count(100);
  server.set_payload_max_length(1024);  // no route takes a body
  // SO_REUSEADDR (a restart binds at once) but not httplib's SO_REUSEPORT,
  // with which a second server on the same port would silently share it.
  // TCP_NODELAY, which accepted connections inherit: httplib writes the
  // headers and the body apart, and Nagle's algorithm held the body back
  // until the client's delayed ACK (40 ms on loopback).
  server.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  });
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"},
                              {"Content-Security-Policy",
                               "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "connect-src 'self'; object-src 'none'; frame-ancestors 'none'"}});
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (tl_turned_away) {  // and the connection closed: it must not hold the listening thread
      res.set_header("Retry-After", "1");
      res.set_header("Connection", "close");
      Fail(res, 503, "busy: more requests are waiting than the server takes on; try again");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      Fail(res, 405, "read-only: only GET and HEAD");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const char* why = res.status == 404   ? "no such page: /, /assets/… and /api/… (docs/serve.md)"
                      : res.status == 413 ? "request too large"
                      : res.status == 414 ? "URI too long"
                                          : "bad request";
    Fail(res, res.status, why);
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    Fail(res, 500, "internal error");
  });

  const DashboardAssets& assets = EmbeddedDashboardAssets();
  const std::pair<const char*, std::pair<std::string_view, const char*>> files[] = {
      {"/", {assets.page, "text/html; charset=utf-8"}},
      {"/assets/dashboard.js", {assets.script, "text/javascript; charset=utf-8"}},
      {"/assets/dashboard.css", {assets.style, "text/css; charset=utf-8"}},
      {"/assets/echarts.js", {assets.echarts, "text/javascript; charset=utf-8"}},
      {"/assets/wordcloud.js", {assets.wordcloud, "text/javascript; charset=utf-8"}},
  };
  for (const auto& [route, file] : files) {
    std::string_view body = file.first;
    const char* type = file.second;
    server.Get(route, [body, type](const httplib::Request& req, httplib::Response& res) {
      if (!req.params.empty()) return Fail(res, 400, "this page takes no parameters (the dashboard keeps its view after #)");
      res.set_header("Cache-Control", "no-cache");
      res.set_content(body.data(), body.size(), type);
    });
  }
  server.Get("/api/health", [this](const httplib::Request& req, httplib::Response& res) {
    if (!req.params.empty()) return Fail(res, 400, "/api/health takes no parameters");
    res.set_header("Cache-Control", "no-store");
    res.set_content("{\"views_ready\": " + std::to_string(warmed.load()) + ", \"views_to_warm\": " +
                        std::to_string(to_warm.load()) + "}\n",
                    "application/json; charset=utf-8");
  });
  server.Get("/api/meta", [this](const httplib::Request& req, httplib::Response& res) {
    if (!req.params.empty()) return Fail(res, 400, "/api/meta takes no parameters");
    res.set_header("Cache-Control", "no-store");
    res.set_content(meta, "application/json; charset=utf-8");
  });
  auto view_route = [this](bool with_id, auto answer) {
    return [this, with_id, answer](const httplib::Request& req, httplib::Response& res) {
      ViewFilter f;
      std::string id, key;
      if (!ParseFilter(req, with_id, &f, &id, &key, res)) return;
      auto view = ViewOf(f, key);
      if (!view.ok()) {
        StatusCode code = view.status().code();
        return Fail(res, code == StatusCode::kInvalidArgument ? 400 : code == StatusCode::kInterrupted ? 503 : 500,
                    code == StatusCode::kInterrupted ? "the server is stopping" : view.status().message());
      }
      res.set_header("Cache-Control", "no-store");
      answer(**view, id, res);
    };
  };
  server.Get("/api/tables", view_route(false, [](const Cached& v, const std::string&, httplib::Response& res) {
               res.set_content(v.json, "application/json; charset=utf-8");
             }));
  server.Get("/api/table.csv", view_route(true, [](const Cached& v, const std::string& id, httplib::Response& res) {
               auto csv = v.report->TableCsv(id);
               if (!csv.ok()) return Fail(res, 404, csv.status().message());
               res.set_header("Content-Disposition", "attachment; filename=\"jobsift-" + id + ".csv\"");
               res.set_content(*csv, "text/csv; charset=utf-8");
             }));
  server.Get("/api/table.xlsx", view_route(true, [](const Cached& v, const std::string& id, httplib::Response& res) {
               auto xlsx = v.report->TableXlsx(id);
               if (!xlsx.ok()) return Fail(res, 500, xlsx.status().message());
               res.set_header("Content-Disposition", "attachment; filename=\"jobsift-" + id + ".xlsx\"");
               res.set_content(*xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
             }));
}

DashboardServer::DashboardServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DashboardServer::~DashboardServer() { Stop(); }
int DashboardServer::port() const { return impl_->port; }

void DashboardServer::Stop() {
  impl_->stopping = true;  // the warm-up's view in progress stops too
  if (impl_->warmer.joinable()) impl_->warmer.join();
  if (!impl_->listener.joinable()) return;
  impl_->server.stop();
  impl_->listener.join();
}

StatusOr<std::unique_ptr<DashboardServer>> DashboardServer::Start(const LoadedRun& run, const ServeOptions& options) {
  auto impl = std::make_unique<Impl>(run, options);
  impl->meta = impl->MetaJson();
  impl->Routes();
  std::string where = options.host + ":" + std::to_string(options.port);
  if (options.port < 0 || options.port > 65535) return InvalidArgument("--port must be 0 to 65535");
  if (options.port == 0) {
    impl->port = impl->server.bind_to_any_port(options.host);
    if (impl->port < 0) return IoError(where + ": cannot listen there");
  } else if (impl->server.bind_to_port(options.host, options.port)) {
    impl->port = options.port;
  } else {
    return IoError(where + ": cannot listen there (in use, or not an address of this machine)");
  }
  Impl* raw = impl.get();
  impl->listener = std::thread([raw] {
    raw->server.listen_after_bind();
    raw->listened = true;
  });
  // Serving once it accepts: httplib's stop() before then would do nothing,
  // and the listening thread would wait in accept() for ever.
  while (!impl->server.is_running() && !impl->listened) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (options.warm) impl->warmer = std::thread([raw] { raw->Warm(); });
  return std::unique_ptr<DashboardServer>(new DashboardServer(std::move(impl)));
}

StatusOr<std::vector<std::string>> StatesOf(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> states;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::directory_iterator(path, ec))
        if (e.is_regular_file() && e.path().extension() == ".state") found.push_back(e.path().string());
      if (ec) return IoError(path + ": cannot list: " + ec.message());
      if (found.empty())
        return NotFound(path + ": no state file (*.state) in this folder: make the report with --state " + path +
                        "/run.state");
      std::sort(found.begin(), found.end());
      states.insert(states.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, ec)) {
      states.push_back(path);
    } else {
      return NotFound(path + ": no such state file or report folder");
    }
  }
  if (states.empty()) return InvalidArgument("serve: name state files or report folders");
  return states;
}

StatusOr<int> Serve(const RunOptions& run, const ServeRequest& request, Console& console) {
  auto states = StatesOf(request.paths);
  if (!states.ok()) return states.status();
  auto loaded = LoadedRun::Load(run, *states, console);
  if (!loaded.ok()) return loaded.status();
  // SIGINT and SIGTERM are blocked in every thread from here (the server's
  // inherit the mask) and taken by sigwait below: a clean stop.
  sigset_t stop, before;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, &before);
  auto server = DashboardServer::Start(*loaded, request.options);
  if (!server.ok()) {
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    return server.status();
  }
  const std::string& host = request.options.host;
  bool loopback = host == "127.0.0.1" || host == "localhost" || host == "::1";
  std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  JOBSIFT_RETURN_IF_ERROR(console.Out("jobsift serve: http://" + shown + ":" + std::to_string((*server)->port()) +
                                      "/ (" + std::to_string(loaded->postings() - loaded->duplicates()) +
                                      " postings and " + std::to_string(loaded->duplicates()) + " re-posts from " +
                                      std::to_string(states->size()) +
                                      (states->size() == 1 ? " state file)\n" : " state files)\n")));
  if (!loopback)
    console.Say(Severity::kWarning, "listening on " + host +
                                        ": other machines can reach the dashboard, and it asks no password");
  int signal = 0;
  sigwait(&stop, &signal);
  (*server)->Stop();
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  console.Say(Severity::kInfo, std::string("stopped on ") + (signal == SIGINT ? "SIGINT" : "SIGTERM"));
  return kExitOk;
}

}  // namespace jobsift
