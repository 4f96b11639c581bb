// jobsift serve's HTTP API (jobsift/serve.h), against a server on an
// ephemeral loopback port: the answers a dashboard relies on (the same
// tables as the library's views, the exports), and hostile requests —
// path traversal, bad UTF-8, huge or malformed parameters, unknown ids,
// methods that would write, garbage on the socket, more connections than
// it takes — each answered with a short 4xx/503 and never a crash: the
// server answers normally afterwards.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "jobsift/serve.h"
#include "jobsift/views.h"
#include "test_util.h"

namespace jobsift {
namespace {

using testing::QuietConsole;
using testing::RunCommand;
using testing::TempDir;

// What a raw socket gets back for `bytes` sent as they are.
std::string RawExchange(int port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "(no connection)";
  }
  timeval wait{3, 0};  // an answer that keeps the connection open ends the read here
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) {
    out.append(buf, static_cast<size_t>(n));
    timeval rest{0, 200000};  // the answer has begun: what follows comes at once
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &rest, sizeof rest);
  }
  close(fd);
  return out;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string in = dir_->File("p.csv"), state = dir_->File("run.state"), out;
    ASSERT_EQ(RunCommand(std::string(JOBSIFT_BINARY) + " gen --rows 6000 --seed 3 -q -o " + in, &out), 0);
    ASSERT_EQ(RunCommand(std::string(JOBSIFT_BINARY) + " report -q " + in + " -o " + dir_->File("r") + " --state " +
                             state, &out), 0) << out;
    auto states = StatesOf({dir_->File("r"), state});  // a folder without a state is refused below
    EXPECT_FALSE(states.ok());
    states = StatesOf({state});
    ASSERT_TRUE(states.ok()) << states.status().message();
    QuietConsole console;
    auto run = LoadedRun::Load(RunOptions{}, *states, console);
    ASSERT_TRUE(run.ok()) << run.status().message();
    run_ = new LoadedRun(*run);
    ServeOptions options;
    options.port = 0;
    options.timeout_seconds = 1;  // requests that never finish are dropped soon
    auto server = DashboardServer::Start(*run_, options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = server->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete run_;
    delete dir_;
  }
  static httplib::Result Get(const std::string& target) {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    return client.Get(target.c_str());
  }
  // The status and body of GET `target`; -1 when no answer came.
  static std::pair<int, std::string> Answer(const std::string& target) {
    auto r = Get(target);
    if (!r) return {-1, ""};
    return {r->status, r->body};
  }

  static TempDir* dir_;
  static LoadedRun* run_;
  static DashboardServer* server_;
};
TempDir* ServeTest::dir_ = nullptr;
LoadedRun* ServeTest::run_ = nullptr;
DashboardServer* ServeTest::server_ = nullptr;

// `s` percent-encoded, every byte but letters and digits.
std::string Encoded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

TEST_F(ServeTest, ThePageAndItsScriptsAreServed) {
  auto [status, page] = Answer("/");
  EXPECT_EQ(status, 200);
  EXPECT_NE(page.find("assets/dashboard.js"), std::string::npos);
  for (const char* asset : {"/assets/dashboard.js", "/assets/dashboard.css", "/assets/echarts.js", "/assets/wordcloud.js"}) {
    auto r = Get(asset);
    ASSERT_TRUE(r) << asset;
    EXPECT_EQ(r->status, 200) << asset;
    EXPECT_GT(r->body.size(), 1000u) << asset;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  }
}

TEST_F(ServeTest, MetaListsWhatAFilterMayName) {
  auto [status, meta] = Answer("/api/meta");
  ASSERT_EQ(status, 200);
  ViewFilter all;
  EXPECT_NE(meta.find("\"loaded\": " + std::to_string(run_->postings()) + ", \"postings\": " +
                      std::to_string(run_->View(all)->postings()) + ", \"duplicates\": " +
                      std::to_string(run_->duplicates()) + ", \"min_n\": 30"),
            std::string::npos)
      << meta.substr(0, 200);
  EXPECT_NE(meta.find("\"city\": [\"" + run_->Values("city")[0] + "\""), std::string::npos) << meta.substr(0, 2000);
  EXPECT_NE(meta.find("{\"id\": \"F0-1\""), std::string::npos);
  EXPECT_NE(meta.find("\"name\": \"broad\", \"codes\": \"B+A+D\", \"available\": false"), std::string::npos);
  EXPECT_EQ(meta.find(dir_->path()), std::string::npos) << "states are named by file name, not where they lie";
}

// The API's tables are the library's view for the same filter, byte for byte.
TEST_F(ServeTest, TablesAreTheViewsTables) {
  const std::string city = run_->Values("city")[1], degree = run_->Values("degree")[0];
  auto [status, body] = Answer("/api/tables?city=" + Encoded(city) + "&degree=" + Encoded(degree) + "&half=");
  ASSERT_EQ(status, 200) << body;
  ViewFilter f;
  f.city = city;
  f.degree = degree;
  auto view = run_->View(f);
  ASSERT_TRUE(view.ok());
  EXPECT_NE(body.find("\"tables\": " + view->TablesJson()), std::string::npos);
  EXPECT_NE(body.find("\"postings\": " + std::to_string(view->postings()) + ","), std::string::npos);
  EXPECT_NE(body.find("\"city\": \"" + city + "\""), std::string::npos);
  EXPECT_NE(body.find("\"province\": null"), std::string::npos);
  // The same view again comes from the cache, the same bytes.
  EXPECT_EQ(Answer("/api/tables?degree=" + Encoded(degree) + "&city=" + Encoded(city)).second, body);
}

TEST_F(ServeTest, TablesExportAsCsvAndXlsx) {
  const std::string city = run_->Values("city")[0];
  auto csv = Get("/api/table.csv?id=F2&city=" + Encoded(city));
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBF" "city,", 0), 0u) << csv->body.substr(0, 80);
  EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"jobsift-F2.csv\"");
  ViewFilter f;
  f.city = city;
  EXPECT_EQ(csv->body, *run_->View(f)->TableCsv("F2"));
  auto xlsx = Get("/api/table.xlsx?id=F13");
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0u);
}

TEST_F(ServeTest, BadFiltersAre400sThatSayWhy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/tables?city=" + Encoded("亚特兰蒂斯"), "city: no posting has '亚特兰蒂斯'"},
      {"/api/tables?from=2024", "from: a quarter such as 2024Q1"},
      {"/api/tables?definition=report", "definition: report cannot be shown"},
      {"/api/tables?half=2030H1", "half: no posting is dated in '2030H1'"},
      {"/api/tables?cty=x", "unknown parameter 'cty'"},
      {"/api/tables?city=a&city=b", "'city' is given twice"},
      {"/api/tables?city=%FF%FE", "'city': not a value"},
      {"/api/tables?city=" + std::string(300, 'x'), "'city': not a value (at most 200 bytes"},
      {"/api/tables?%FF=1", "unknown parameter (a name of 1 bytes)"},
      {"/api/table.csv?city=x", "id: name the table"},
      {"/api/meta?x=1", "takes no parameters"},
  };
  for (const auto& [target, says] : cases) {
    auto [status, body] = Answer(target);
    EXPECT_EQ(status, 400) << target;
    EXPECT_NE(body.find(says), std::string::npos) << target << " -> " << body;
    EXPECT_LT(body.size(), 400u) << "a short message";
  }
  auto [status, body] = Answer("/api/table.csv?id=F99");
  EXPECT_EQ(status, 404);
  EXPECT_NE(body.find("no table 'F99'"), std::string::npos);
}

TEST_F(ServeTest, NothingOutsideTheRoutesIsServed) {
  for (const std::string target :
       {"/../../../../etc/passwd", "/assets/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/%2e%2e%2fserve.cc",
        "/etc/passwd", "/api/../api/meta/..%2f..%2fetc%2fpasswd", "/assets/", "/api/tables/F1", "/run.state",
        "/assets/dashboard.js/../../run.state"}) {
    auto [status, body] = Answer(target);
    EXPECT_EQ(status, 404) << target;
    EXPECT_EQ(body.find("root:"), std::string::npos) << target;
    EXPECT_NE(body.find("\"error\""), std::string::npos) << target;
  }
}

TEST_F(ServeTest, NothingWrites) {
  httplib::Client client("127.0.0.1", server_->port());
  std::vector<httplib::Result> answers;
  answers.push_back(client.Post("/api/meta", "x", "text/plain"));
  answers.push_back(client.Put("/api/tables", "x", "text/plain"));
  answers.push_back(client.Delete("/api/tables"));
  answers.push_back(client.Patch("/", "x", "text/plain"));
  for (const httplib::Result& r : answers) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 405);
    EXPECT_EQ(r->get_header_value("Allow"), "GET, HEAD");
  }
  auto big = client.Post("/api/meta", std::string(1 << 20, 'x'), "text/plain");  // a body over the limit
  EXPECT_TRUE(!big || big->status == 413 || big->status == 405);
}

TEST_F(ServeTest, MalformedRequestsGet4xxNotACrash) {
  const int port = server_->port();
  EXPECT_NE(RawExchange(port, "GARBAGE\r\n\r\n").find("HTTP/1.1 400"), std::string::npos);
  EXPECT_NE(RawExchange(port, "GET /api/meta HTTP/1.1\r\nHost: x\r\nX: " + std::string(20000, 'a') + "\r\n\r\n")
                .find("HTTP/1.1 4"),
            std::string::npos);
  std::string long_uri = "GET /api/tables?city=" + std::string(10000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  EXPECT_NE(RawExchange(port, long_uri).find("HTTP/1.1 414"), std::string::npos);
  static constexpr char kBadPath[] = "GET /\xff\xfe\x00 HTTP/1.1\r\n\r\n";  // a NUL inside
  EXPECT_NE(RawExchange(port, std::string(kBadPath, sizeof kBadPath - 1)).find("HTTP/1.1 4"), std::string::npos);
  RawExchange(port, "GET /api/meta HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n");
  RawExchange(port, "GET /api/meta HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n");
  RawExchange(port, std::string(5000, '\0'));
  // Still serving.
  auto [status, meta] = Answer("/api/meta");
  EXPECT_EQ(status, 200);
}

// Connections beyond those served and waiting are turned away at once with
// 503, not queued without end; once the first is done, answers come again.
TEST_F(ServeTest, MoreConnectionsThanItTakesGet503) {
  ServeOptions options;
  options.port = 0;
  options.threads = 1;
  options.queue = 0;
  options.timeout_seconds = 2;
  auto server = DashboardServer::Start(*run_, options);
  ASSERT_TRUE(server.ok());
  const int port = (*server)->port();
  // A client that connects and says nothing holds the only thread.
  int idle = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(idle, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  httplib::Client client("127.0.0.1", port);
  auto busy = client.Get("/api/meta");
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_NE(busy->body.find("busy"), std::string::npos);
  close(idle);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto ok = client.Get("/api/meta");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  auto started = std::chrono::steady_clock::now();
  (*server)->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)) << "Stop returns promptly";
}

// The view of every single filter is computed in the background and kept:
// /api/health counts them until all are ready.
TEST_F(ServeTest, EverySingleFilterIsWarmed) {
  size_t want = 1 + run_->Values("quarter").size();  // the whole; each quarter as a range
  for (const char* facet : {"half", "city", "province", "tier", "industry", "degree", "size", "experience"})
    want += run_->Values(facet).size();
  for (const LoadedRun::Definition& d : run_->definitions()) want += d.available && d.name != run_->definition();
  std::string health;
  for (int i = 0; i < 600; ++i) {
    health = Answer("/api/health").second;
    if (health.find("\"views_ready\": " + std::to_string(want) + ",") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(health, "{\"views_ready\": " + std::to_string(want) + ", \"views_to_warm\": " + std::to_string(want) + "}\n");
}

// A server stopped while it warms up stops at once, its view in progress
// cancelled.
TEST_F(ServeTest, StoppingCancelsTheWarmUp) {
  ServeOptions options;
  options.port = 0;
  auto server = DashboardServer::Start(*run_, options);
  ASSERT_TRUE(server.ok());
  auto started = std::chrono::steady_clock::now();
  (*server)->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  ViewFilter f;
  std::atomic<bool> cancel{true};
  f.cancel = &cancel;
  auto view = run_->View(f);
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.status().code(), StatusCode::kInterrupted);
}

TEST_F(ServeTest, AnAddressInUseIsAnError) {
  ServeOptions options;
  options.port = server_->port();
  auto second = DashboardServer::Start(*run_, options);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("cannot listen there"), std::string::npos);
}

}  // namespace
}  // namespace jobsift
