// Field normalisers on one thread: every derived field of SPEC §2 (salary,
// experience, degree, company size, date, city, industry) over the real
// postings in ../shared/data/real, repeated for a few seconds. The reference
// in the same run is a copy of the same raw strings (a memcpy per field), so
// the ratio says how much parsing costs beyond touching the bytes.
//
// usage: jobsift_fields_bench [DATA_DIR=../shared/data/real] [SECONDS=3]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "fields/normalize.h"
#include "pipeline/reader.h"

namespace jobsift {
namespace {

// Owns a copy of every posting's raw fields.
struct Stored {
  std::array<std::string, kFieldCount> value;
  double salary_scale = 1;
};

class CollectJob : public PostingJob {
 public:
  class Task : public PostingTask {
   public:
    void Add(const Posting& p) override {
      Stored s;
      for (size_t f = 0; f < kFieldCount; ++f) s.value[f] = std::string(p.value[f]);
      s.salary_scale = p.salary_scale;
      rows.push_back(std::move(s));
    }
    std::vector<Stored> rows;
  };
  std::unique_ptr<PostingTask> NewTask() override { return std::make_unique<Task>(); }
  void Finish(std::unique_ptr<PostingTask> t) override {
    auto* task = static_cast<Task*>(t.get());
    for (auto& r : task->rows) rows.push_back(std::move(r));
  }
  std::vector<Stored> rows;
};

int Main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : std::string(JOBSIFT_SOURCE_DIR) + "/../shared/data/real";
  double seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
  CollectJob collect;
  ReadOptions ro;
  auto read = ReadPostings({dir}, ro, &collect);
  if (!read.ok() || collect.rows.empty()) {
    std::fprintf(stderr, "cannot read postings from %s\n", dir.c_str());
    return 2;
  }
  FieldOptions fo;
  fo.date.reference = ParseDate("2020-06-12", {}).value;  // 51job-2018's MM-DD dates
  auto normalizer = FieldNormalizer::Load(fo);
  if (!normalizer.ok()) {
    std::fprintf(stderr, "%s\n", normalizer.status().message().c_str());
    return 2;
  }
  // Lay the fields out one posting after another, as they lie in a chunk
  // of input when the pipeline parses them.
  std::string arena;
  std::vector<std::array<std::pair<size_t, size_t>, kFieldCount>> spans(collect.rows.size());
  for (size_t i = 0; i < collect.rows.size(); ++i) {
    for (size_t f = 0; f < kFieldCount; ++f) {
      const std::string& v = collect.rows[i].value[f];
      if (f == static_cast<size_t>(Field::kDescription)) continue;  // not parsed here
      spans[i][f] = {arena.size(), v.size()};
      arena += v;
    }
  }
  std::vector<Posting> postings(collect.rows.size());
  for (size_t i = 0; i < postings.size(); ++i) {
    for (size_t f = 0; f < kFieldCount; ++f)
      postings[i].value[f] = std::string_view(arena).substr(spans[i][f].first, spans[i][f].second);
    postings[i].salary_scale = collect.rows[i].salary_scale;
  }

  using Clock = std::chrono::steady_clock;
  auto run = [&](auto&& body) {
    uint64_t done = 0;
    auto start = Clock::now();
    double elapsed = 0;
    while (elapsed < seconds) {
      for (const Posting& p : postings) body(p);
      done += postings.size();
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return done / elapsed;
  };
  uint64_t sink = 0;
  char buf[256];
  double copy_rate = run([&](const Posting& p) {
    for (Field f : {Field::kSalary, Field::kSalaryMin, Field::kExperience, Field::kDegree, Field::kCompanySize,
                    Field::kDate, Field::kCity, Field::kCompanyIndus}) {
      std::string_view v = p[f];
      size_t k = std::min(v.size(), sizeof buf);
      std::memcpy(buf, v.data(), k);
      sink += static_cast<unsigned char>(buf[0]) + k;
    }
  });
  DerivedFields d;
  double parse_rate = run([&](const Posting& p) {
    (*normalizer)->Normalize(p, &d);
    sink += d.salary.ok() + d.city.ok() + d.industry.ok();
  });
  // With a memo, as report and annotate run them: repeated strings are
  // looked up. The real files are in site order, so postings of one site
  // (and its formats) come together, as in a real input.
  FieldMemo memo;
  double memo_rate = run([&](const Posting& p) {
    (*normalizer)->Normalize(p, &d, &memo);
    sink += d.salary.ok() + d.city.ok() + d.industry.ok();
  });
  // Each normaliser alone, to see where the time goes.
  const FieldNormalizer& n = **normalizer;
  const FieldOptions& o = n.options();
  std::vector<std::pair<const char*, double>> alone;
  alone.emplace_back("salary", run([&](const Posting& p) {
    sink += p[Field::kSalary].empty()
                ? SalaryFromNumbers(p[Field::kSalaryMin], p[Field::kSalaryMax], p[Field::kSalaryMonths], p.salary_scale, o.salary).ok()
                : ParseSalary(p[Field::kSalary], o.salary).ok();
  }));
  alone.emplace_back("experience", run([&](const Posting& p) { sink += ParseExperience(p[Field::kExperience]).ok(); }));
  alone.emplace_back("company_size", run([&](const Posting& p) { sink += ParseCompanySize(p[Field::kCompanySize]).ok(); }));
  alone.emplace_back("date", run([&](const Posting& p) { sink += ParseDate(p[Field::kDate], o.date).ok(); }));
  alone.emplace_back("city", run([&](const Posting& p) { sink += n.cities().Resolve(p[Field::kCity]).ok(); }));
  alone.emplace_back("industry", run([&](const Posting& p) { sink += n.industries().Resolve(p[Field::kCompanyIndus]).ok(); }));
  std::printf("%zu real postings, one thread, %.0f s each\n", postings.size(), seconds);
  std::printf("%-34s %14s %12s\n", "work", "postings/s", "ns/posting");
  std::printf("%-34s %14.0f %12.1f\n", "copy the raw fields (reference)", copy_rate, 1e9 / copy_rate);
  std::printf("%-34s %14.0f %12.1f\n", "all field normalisers", parse_rate, 1e9 / parse_rate);
  std::printf("%-34s %14.0f %12.1f\n", "all, with a memo (FieldMemo)", memo_rate, 1e9 / memo_rate);
  for (const auto& [name, rate] : alone) std::printf("  %-32s %14.0f %12.1f\n", name, rate, 1e9 / rate);
  std::printf("ratio normalise / copy: %.2f   (bar: >= 2,000,000 postings/s)   [%llu]\n", parse_rate / copy_rate,
              static_cast<unsigned long long>(sink % 10));
  return 0;
}

}  // namespace
}  // namespace jobsift

int main(int argc, char** argv) { return jobsift::Main(argc, argv); }
