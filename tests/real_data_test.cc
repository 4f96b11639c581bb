// Reads every dataset in ../shared/data/real and checks, per file, that the
// row count matches an independent count (the SOURCE.md of the dataset,
// which agrees with Python's csv module) and that auto-detection maps the
// columns a person would. CI has ../shared beside the checkout.
#include <gtest/gtest.h>

#include "test_util.h"

#include <filesystem>

#include "lexicon/annotator.h"
#include "pipeline/reader.h"
#include "pipeline/report_job.h"

namespace jobsift {
namespace {

const std::string kReal = testing::RealDataRoot();  // "" without ../shared: the tests skip

ReadSummary Scan(const std::string& path) {
  ReadOptions opt;
  opt.threads = 2;
  auto s = ReadPostings({path}, opt, nullptr);
  EXPECT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->errors.empty()) << (s->errors.empty() ? "" : s->errors[0].message());
  EXPECT_EQ(s->total.rows_read, s->total.rows_accepted + s->total.RowsRejected());
  return std::move(*s);
}

std::string Header(const FileReport& f, Field field) {
  const ColumnRef& r = f.map[field];
  if (!r.mapped()) return "";
  if (f.headers.empty()) return "#" + std::to_string(r.column + 1);
  return f.headers[r.column];
}

TEST(RealData, FiftyOneJob2019GbkListLiterals) {
  JOBSIFT_NEED_REAL_DATA();
  ReadSummary s = Scan(kReal + "/51job-2019-bigdata/51job.csv");
  ASSERT_EQ(s.files.size(), 1u);
  const FileReport& f = s.files[0];
  EXPECT_EQ(f.encoding, "GB18030");
  EXPECT_EQ(f.invalid_encoding_bytes, 0u);
  EXPECT_EQ(s.total.rows_read, 4950u);
  EXPECT_EQ(s.total.rows_accepted, 4950u);
  EXPECT_EQ(Header(f, Field::kPosition), "职位");
  EXPECT_EQ(Header(f, Field::kSalary), "薪资");
  EXPECT_EQ(Header(f, Field::kCity), "地区");
  EXPECT_EQ(Header(f, Field::kDate), "时间");
  EXPECT_EQ(Header(f, Field::kDescription), "岗位信息");
  EXPECT_EQ(f.map[Field::kCompanySize].part, CellPart::kSizePart);
  // SOURCE.md: 269 salaries are [] (not shown); only 969 rows have a description.
  EXPECT_EQ(s.total.non_empty[static_cast<size_t>(Field::kSalary)], 4950u - 269u);
  EXPECT_EQ(s.total.non_empty[static_cast<size_t>(Field::kDescription)], 969u);
}

TEST(RealData, FiftyOneJob2018XlsxWithoutHeader) {
  JOBSIFT_NEED_REAL_DATA();
  ReadSummary s = Scan(kReal + "/51job-2018-fengxian/qianchengwuyou.xlsx");
  ASSERT_EQ(s.files.size(), 1u);
  const FileReport& f = s.files[0];
  EXPECT_FALSE(f.map.has_header);
  EXPECT_EQ(s.total.rows_read, 1603u);  // the first row is a posting, not a header
  // SOURCE.md columns: 1 title, 2 company, 3 benefits, 4 salary, 5 description,
  // 6 location, 8 size, 9 industry, 10 date (0-based).
  EXPECT_EQ(f.map[Field::kPosition].column, 1);
  EXPECT_EQ(f.map[Field::kCompanyName].column, 2);
  EXPECT_EQ(f.map[Field::kBenefits].column, 3);
  EXPECT_EQ(f.map[Field::kSalary].column, 4);
  EXPECT_EQ(f.map[Field::kDescription].column, 5);
  EXPECT_EQ(f.map[Field::kCity].column, 6);
  EXPECT_EQ(f.map[Field::kCompanySize].column, 8);
  EXPECT_EQ(f.map[Field::kCompanyIndus].column, 9);
  EXPECT_EQ(f.map[Field::kDate].column, 10);
}

TEST(RealData, BossThreeFiles) {
  JOBSIFT_NEED_REAL_DATA();
  ReadSummary s = Scan(kReal + "/boss-2025-hangzhou");
  ASSERT_EQ(s.files.size(), 3u);
  EXPECT_EQ(s.files[0].stats.rows_read, 450u);  // boss_jobs.csv
  EXPECT_EQ(s.files[1].stats.rows_read, 300u);  // boss_jobs2.csv
  EXPECT_EQ(s.files[2].stats.rows_read, 450u);  // job_details_with_text.csv (multi-line)
  EXPECT_EQ(s.total.RowsRejected(), 0u);
  for (int i : {0, 1}) {
    const FileReport& f = s.files[i];
    EXPECT_EQ(Header(f, Field::kId), "职位ID");
    EXPECT_EQ(Header(f, Field::kPosition), "职位名称");
    EXPECT_EQ(Header(f, Field::kCity), "城市");
    EXPECT_EQ(Header(f, Field::kCompanySize), "公司规模");
    EXPECT_EQ(Header(f, Field::kCompanyIndus), "公司行业");
    EXPECT_EQ(Header(f, Field::kBenefits), "福利");
  }
  EXPECT_EQ(Header(s.files[2], Field::kDescription), "工作文字信息");
  // Internships leave 工作经验 blank (15 of 450).
  EXPECT_EQ(s.files[0].stats.non_empty[static_cast<size_t>(Field::kExperience)], 435u);
}

TEST(RealData, LiepinNumericSalaryInThousands) {
  JOBSIFT_NEED_REAL_DATA();
  ReadSummary s = Scan(kReal + "/liepin-2019-data-analyst");
  ASSERT_EQ(s.files.size(), 1u);
  const FileReport& f = s.files[0];
  EXPECT_EQ(s.total.rows_read, 4002u);
  EXPECT_EQ(Header(f, Field::kCity), "工作城市");
  EXPECT_EQ(Header(f, Field::kSalaryMin), "薪酬low");
  EXPECT_EQ(f.map.salary_numeric_scale, 1000);
  EXPECT_EQ(Header(f, Field::kDate), "发布日期");
  // SOURCE.md: 600 rows have no city.
  EXPECT_EQ(s.total.non_empty[static_cast<size_t>(Field::kCity)], 4002u - 600u);
}

TEST(RealData, JobHuntingZipsOfXlsx) {
  JOBSIFT_NEED_REAL_DATA();
  ReadSummary s = Scan(kReal + "/job-hunting-data");
  // SOURCE.md: 27,175 job rows; company.zip files hold companies, not postings.
  EXPECT_EQ(s.total.rows_read, 27175u);
  EXPECT_EQ(s.total.RowsRejected(), 0u);
  size_t jobs = 0;
  for (const FileReport& f : s.files) {
    ASSERT_NE(f.name.find("job.zip!job.xlsx"), std::string::npos) << f.name;
    ++jobs;
    EXPECT_EQ(Header(f, Field::kId), "职位自编号");
    EXPECT_EQ(Header(f, Field::kPosition), "职位");
    EXPECT_EQ(Header(f, Field::kDate), "首次发布时间");
    EXPECT_EQ(Header(f, Field::kSalaryMin), "最低薪资");
    EXPECT_EQ(Header(f, Field::kCompanyName), "公司");
    EXPECT_EQ(f.map.salary_numeric_scale, 1);
  }
  EXPECT_GT(jobs, 50u);
  EXPECT_EQ(s.skipped.size(), 48u);  // every company.zip, each said
}

// jobsift report decides each posting with the AI lexicon alone and reads
// only AI postings fully: on every real posting that decision must be the
// full annotator's.
class DeciderCheck : public PostingJob {
 public:
  DeciderCheck(const Annotator* full, const Annotator* decider) : full_(full), decider_(decider) {}
  class Task : public PostingTask {
   public:
    Task(const Annotator* f, const Annotator* d) : f_(f), d_(d), fs_(f->NewScratch()), ds_(d->NewScratch()) {}
    void Add(const Posting& p) override {
      f_->Annotate(p, *fs_, &a_);
      d_->Annotate(p, *ds_, &b_);
      ++postings;
      ai += a_.ai;
      disagree += a_.ai != b_.ai || (a_.ai && a_.ai_rule != b_.ai_rule) || a_.category != b_.category ||
                  a_.any_ai_term != b_.any_ai_term;
    }
    uint64_t postings = 0, ai = 0, disagree = 0;

   private:
    const Annotator *f_, *d_;
    std::unique_ptr<Annotator::Scratch> fs_, ds_;
    Annotation a_, b_;
  };
  std::unique_ptr<PostingTask> NewTask() override { return std::make_unique<Task>(full_, decider_); }
  void Finish(std::unique_ptr<PostingTask> t) override {
    auto* task = static_cast<Task*>(t.get());
    postings += task->postings;
    ai += task->ai;
    disagree += task->disagree;
  }
  uint64_t postings = 0, ai = 0, disagree = 0;

 private:
  const Annotator *full_, *decider_;
};

TEST(RealData, ReportDecidesEveryPostingAsTheFullAnnotator) {
  JOBSIFT_NEED_REAL_DATA();
  auto model = CategoryModel::Load(std::string(JOBSIFT_SOURCE_DIR) + "/data/model/category_weights.tsv");
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto shared_model = std::make_shared<const CategoryModel>(std::move(*model));
  // The rules before categories, and categorizing by the rules and by the
  // model, under default and report.
  std::vector<std::pair<std::string, AnnotateOptions>> configs;
  for (AiRule rule : {AiRule::kDefault, AiRule::kReport}) {
    AnnotateOptions o;
    o.ai_rule = rule;
    configs.emplace_back(std::string(AiRuleName(rule)), o);
  }
  for (CategoryMethod method : {CategoryMethod::kRules, CategoryMethod::kModel})
    for (const char* def : {"default", "report"}) {
      AnnotateOptions o;
      o.categorize = true;
      o.category_method = method;
      o.category_model = shared_model;
      o.definition = *FindDefinition(def);
      configs.emplace_back(std::string(CategoryMethodName(method)) + " " + def, o);
    }
  for (const auto& [name, options] : configs) {
    auto lex = Lexicon::LoadDir(std::string(JOBSIFT_SOURCE_DIR) + "/data/lexicons");
    ASSERT_TRUE(lex.ok()) << lex.status().message();
    auto full = Annotator::Create(std::move(*lex), options);
    ASSERT_TRUE(full.ok());
    auto decider = MakeDecider(**full);
    ASSERT_TRUE(decider.ok()) << decider.status().message();
    DeciderCheck job(full->get(), decider->get());
    ReadOptions read;
    read.threads = 2;
    auto s = ReadPostings({kReal}, read, &job);
    ASSERT_TRUE(s.ok());
    EXPECT_GT(job.postings, 38000u);
    EXPECT_GT(job.ai, 800u) << name;
    EXPECT_EQ(job.disagree, 0u) << name;
  }
}

}  // namespace
}  // namespace jobsift
