// jobsift annotate / classify / eval / lexicon through the real binary.
#include <gtest/gtest.h>

#include <simdjson.h>

#include <algorithm>
#include <filesystem>

#include "pipeline/annotate.h"
#include "pipeline/eval.h"
#include "test_util.h"

namespace jobsift {
namespace {

using testing::ReadFile;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFile;

const std::string kBin = JOBSIFT_BINARY;

// A lexicon of the test's own, so these tests do not move with the
// shipped word lists.
void WriteLexicon(const TempDir& d) {
  WriteFile(d.File("lex/ai/core.tsv"),
            "# group: 机器学习\n# category: ai\n# belongs: x\n# left out: y\n机器学习\n深度学习\nPyTorch\n算法\tweak\n");
  WriteFile(d.File("lex/soft/comm.tsv"), "# group: 沟通\n# category: soft\n# belongs: x\n# left out: y\n沟通\n");
  WriteFile(d.File("lex/benefit/five.tsv"), "# group: 五险\n# category: benefit\n# belongs: x\n# left out: y\n五险\n");
  WriteFile(d.File("lex/hard/ml.tsv"),
            "# group: 深度学习框架\n# category: 技术技能\n# belongs: x\n# left out: y\nPyTorch\n");
}

const char kPostings[] =
    "职位ID,职位名称,城市,薪资,学历,工作经验,发布日期,职位描述,福利\n"
    "a1,算法工程师,深圳·南山区,15-25K·13薪,硕士,3-5年,2024-03-01,\"岗位职责：\n负责深度学习模型训练，熟悉PyTorch\",五险一金\n"
    "a2,销售代表,北京,面议,大专,经验不限,2024-04-02,善于沟通,\n"
    "a3,数据工程师,火星,,本科,1-3年,04-20,负责机器学习平台;负责深度学习训练,\n";

TEST(Annotate, JsonlRowsCarryEveryDerivedFieldInInputOrder) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"), kPostings);
  std::string out;
  ASSERT_EQ(RunCommand(kBin + " annotate -q --lexicon-set " + d.File("lex") + " -o " + d.File("a.jsonl") + " " +
                           d.File("p.csv") + " 2>&1",
                       &out),
            0)
      << out;
  std::string text = ReadFile(d.File("a.jsonl"));
  simdjson::dom::parser parser;
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  simdjson::dom::element first = parser.parse(lines[0]);
  EXPECT_EQ(std::string_view(first["id"]), "a1");
  EXPECT_EQ(int64_t(first["line"]), 2);
  EXPECT_EQ(std::string_view(first["city"]), "深圳");
  EXPECT_EQ(std::string_view(first["city_tier"]), "一线");
  EXPECT_EQ(int64_t(first["salary_annual"]), 260000);
  EXPECT_EQ(std::string_view(first["degree"]), "硕士");
  EXPECT_EQ(std::string_view(first["quarter"]), "2024Q1");
  EXPECT_TRUE(bool(first["ai"]));
  EXPECT_EQ(std::string_view(first["ai_rule"]), "default.title_weak_confirmed");
  EXPECT_EQ(std::string_view(first["ai_terms"].at(0)), "算法@title");
  EXPECT_EQ(std::string_view(first["hard_groups"].at(0)), "深度学习框架");
  EXPECT_EQ(std::string_view(first["benefit_groups"].at(0)), "五险");
  simdjson::dom::element second = parser.parse(lines[1]);
  EXPECT_FALSE(bool(second["ai"]));
  EXPECT_TRUE(second["salary_annual"].is_null());  // unknown, never zero
  EXPECT_EQ(std::string_view(second["salary_unknown"]), "negotiable");
  EXPECT_EQ(std::string_view(second["soft_groups"].at(0)), "沟通");
  simdjson::dom::element third = parser.parse(lines[2]);
  EXPECT_EQ(std::string_view(third["city_unknown"]), "unparseable");
  EXPECT_EQ(std::string_view(third["date_unknown"]), "needs_reference");
  EXPECT_EQ(std::string_view(third["ai_rule"]), "default.description_terms");
}

TEST(Annotate, CsvHasTheSameColumnsAndIsIdenticalForAnyThreadCount) {
  TempDir d;
  WriteLexicon(d);
  std::string csv = "职位ID,职位名称,薪资,职位描述\n";
  for (int i = 0; i < 4000; ++i)
    csv += "id" + std::to_string(i) + "," + (i % 3 ? "算法工程师" : "会计") + "," + std::to_string(i % 40 + 5) +
           "K,\"负责深度学习, 第" + std::to_string(i) + "条\n熟悉PyTorch\"\n";
  WriteFile(d.File("p.csv"), csv);
  std::string lex = " --lexicon-set " + d.File("lex");
  ASSERT_EQ(RunCommand(kBin + " annotate -q --threads 1" + lex + " -o " + d.File("one.csv") + " " + d.File("p.csv") +
                           " 2>/dev/null",
                       nullptr),
            0);
  ASSERT_EQ(RunCommand(kBin + " annotate -q --threads 2 --max-record-bytes 65536" + lex + " -o " + d.File("two.csv") +
                           " " + d.File("p.csv") + " 2>/dev/null",
                       nullptr),
            0);
  std::string one = ReadFile(d.File("one.csv")), two = ReadFile(d.File("two.csv"));
  EXPECT_EQ(one, two);
  std::string header = one.substr(0, one.find("\r\n"));
  std::string expected = "\xEF\xBB\xBF";  // a BOM, so that Excel reads UTF-8 (--no-bom drops it)
  for (const auto& c : AnnotateColumns()) expected += (expected.size() == 3 ? "" : ",") + c;
  EXPECT_EQ(header, expected);
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 4001);
  // No temporary file is left behind.
  for (const auto& e : std::filesystem::directory_iterator(d.path()))
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
}

TEST(Annotate, FailedRunLeavesNoOutput) {
  TempDir d;
  WriteLexicon(d);
  std::string out;
  EXPECT_EQ(RunCommand(kBin + " annotate -q --lexicon-set " + d.File("lex") + " -o " + d.File("x.jsonl") + " " +
                           d.File("missing.csv") + " 2>&1",
                       &out),
            2);
  // An input that could not be read fails the run: no output that looks whole.
  EXPECT_FALSE(std::filesystem::exists(d.File("x.jsonl")));
  for (const auto& e : std::filesystem::directory_iterator(d.path()))
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
  EXPECT_NE(out.find("missing.csv"), std::string::npos) << out;
  EXPECT_EQ(RunCommand(kBin + " annotate -q -o " + d.File("y.txt") + " " + d.File("missing.csv") + " 2>&1", &out), 2);
  EXPECT_NE(out.find(".jsonl or .csv"), std::string::npos);
  // Writing to a full device (stdout on /dev/full) is a failure too: see
  // clean_failure_test.cc.
}

TEST(Classify, AgreesWithAnnotateIncludingFormsOnlyNormalisationReveals) {
  // classify skips normalising postings whose raw text cannot hold an AI
  // term; full-width letters and entities must still get through.
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("p.csv"),
            "职位名称,职位描述\n"
            "数据工程师,\"熟悉ＰｙＴｏｒｃｈ;负责&#28145;度学习\"\n"  // 深 as an entity
            "数据工程师,负责机器学习平台;负责深度学习训练\n"
            "数据工程师,负责报表\n"
            "算法工程师,负责PID控制\n"
            "算法工程师,负责深度学习\n");
  std::string lex = " --lexicon-set " + d.File("lex") + " ";
  std::string out;
  ASSERT_EQ(RunCommand(kBin + " classify -q" + lex + d.File("p.csv"), &out), 0);
  EXPECT_NE(out.find("postings 5, AI 3"), std::string::npos) << out;
  ASSERT_EQ(RunCommand(kBin + " annotate" + lex + "-o " + d.File("a.jsonl") + " " + d.File("p.csv") + " 2>&1", &out), 0);
  EXPECT_NE(out.find("5 postings annotated (3 AI)"), std::string::npos) << out;
}

TEST(Classify, EveryFormNormalisationFoldsStillReachesTheDecision) {
  // classify looks for these forms in the same scan as the strong terms
  // (annotate in the scan of every term). In each posting but the last
  // two, both strong terms a description needs are hidden by one form, so
  // the raw text shows no term at all.
  TempDir d;
  WriteFile(d.File("lex/ai/core.tsv"),
            "# group: 机器学习\n# category: ai\n# belongs: x\n# left out: y\n"
            "machine learning\ndeep learning\n机器学习\n深度学习\nPyTorch\n算法\tweak\n");
  WriteFile(d.File("p.csv"),
            "职位名称,职位描述\n"
            "数据工程师,\"熟悉machine\tlearning;负责deep\tlearning\"\n"
            "数据工程师,\"熟悉machine  learning;负责deep  learning\"\n"
            "数据工程师,\"熟悉machine\xC2\xA0learning;负责deep\xC2\xA0learning\"\n"
            "数据工程师,\"熟悉machine\xE3\x80\x80learning;负责deep\xE3\x80\x80learning\"\n"
            "数据工程师,\"熟悉ＰＹＴＯＲＣＨ;负责ｄｅｅｐ ｌｅａｒｎｉｎｇ\"\n"
            "数据工程师,\"熟悉&#28145;度学习;负责&#x673A;器学习\"\n"
            "数据工程师,\"熟悉machinelearning;负责deep-learning\"\n"  // no term: boundaries, a hyphen
            "数据工程师,\"熟悉机器学习;负责深度学\"\n");  // one term
  // (the rules decide: the model's features name the shipped lexicon's terms)
  for (const char* cmd : {" classify -q --classifier rules", " classify -q -j1 --classifier rules"}) {
    std::string out;
    ASSERT_EQ(RunCommand(kBin + cmd + " --delimiter , --lexicon-set " + d.File("lex") + " " + d.File("p.csv"), &out), 0)
        << out;
    EXPECT_NE(out.find("postings 8, AI 6"), std::string::npos) << out;
  }
  std::string out;
  ASSERT_EQ(RunCommand(kBin + " annotate --classifier rules --delimiter , --lexicon-set " + d.File("lex") + " -o " +
                           d.File("a.jsonl") +
                           " " + d.File("p.csv") + " 2>&1",
                       &out),
            0);
  EXPECT_NE(out.find("8 postings annotated (6 AI)"), std::string::npos) << out;
}

TEST(Classify, AnAiLexiconOfWeakTermsOnlyDecidesEveryPosting) {
  // No strong term at all: a description can never be enough, and saying
  // so must not crash (it did, on a description-only mention).
  TempDir d;
  WriteFile(d.File("lex/ai/core.tsv"), "# group: 算法\n# category: ai\n# belongs: x\n# left out: y\n算法\tweak\n");
  WriteFile(d.File("p.csv"), "职位名称,职位描述\n工程师,负责算法\n算法工程师,负责算法\n");
  std::string out;
  ASSERT_EQ(RunCommand(kBin + " classify -q --lexicon-set " + d.File("lex") + " " + d.File("p.csv") + " 2>&1", &out), 0)
      << out;
  EXPECT_NE(out.find("postings 2, AI 0"), std::string::npos) << out;
  ASSERT_EQ(RunCommand(kBin + " classify -q --ai-rule report --lexicon-set " + d.File("lex") + " " + d.File("p.csv"), &out),
            0);
  EXPECT_NE(out.find("postings 2, AI 2"), std::string::npos) << out;
}

TEST(Lexicon, CheckReportsCountsAndErrorsWithPlaces) {
  TempDir d;
  WriteLexicon(d);
  std::string out;
  EXPECT_EQ(RunCommand(kBin + " lexicon check " + d.File("lex"), &out), 0);
  EXPECT_NE(out.find("ai: 4 terms in 1 groups"), std::string::npos) << out;
  WriteFile(d.File("lex/ai/bad.tsv"), "# group: 坏\n# belongs: x\n# left out: y\nPyTorch\n");
  EXPECT_EQ(RunCommand(kBin + " lexicon check " + d.File("lex") + " 2>&1", &out), 2);
  EXPECT_NE(out.find("duplicate ai term 'PyTorch'"), std::string::npos) << out;
  EXPECT_NE(out.find("bad.tsv:4"), std::string::npos) << out;
}

TEST(Lexicon, ShippedLexiconsAreValidAndSizedLikeTheReport) {
  std::string out;
  ASSERT_EQ(RunCommand(kBin + " lexicon check " + std::string(JOBSIFT_SOURCE_DIR) + "/data/lexicons 2>&1", &out), 0)
      << out;
  auto count = [&](const std::string& domain) {
    size_t at = out.find(domain + ": ");
    return at == std::string::npos ? 0 : std::stoul(out.substr(at + domain.size() + 2));
  };
  EXPECT_GE(count("ai"), 400u);
  EXPECT_LE(count("ai"), 550u);
  EXPECT_GE(count("hard"), 2000u);
  EXPECT_GE(count("soft"), 350u);
  EXPECT_GE(count("benefit"), 150u);
}

TEST(Eval, ScoresEachRuleOnLabelledPostings) {
  TempDir d;
  WriteLexicon(d);
  WriteFile(d.File("data/p.csv"), kPostings);
  WriteFile(d.File("labels.tsv"),
            "# test labels\nsource\tkey\tlabel\tstratum\ttitle\treason\n"
            "p.csv\ta1\t1\ttitle\t算法工程师\tDL\n"
            "p.csv\ta2\t0\trest\t销售代表\tsales\n"
            "p.csv\ta3\t0\tdesc_only\t数据工程师\tsays ML platform but labelled 0\n");
  auto labels = LoadLabels(d.File("labels.tsv"));
  ASSERT_TRUE(labels.ok()) << labels.status().message();
  auto lexicon = Lexicon::LoadDir(d.File("lex"));
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  auto r = Evaluate(*labels, d.File("data"), *lexicon, StandardVariants());
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->variants[0].name, "default");
  EXPECT_EQ(r->scores[0].tp, 1u);
  EXPECT_EQ(r->scores[0].fp, 1u);  // a3
  EXPECT_EQ(r->scores[0].tn, 1u);
  EXPECT_DOUBLE_EQ(r->scores[0].Precision(), 0.5);
  EXPECT_DOUBLE_EQ(r->scores[0].Recall(), 1.0);
  ASSERT_EQ(r->misses[0].size(), 1u);
  EXPECT_EQ(r->misses[0][0].key, "a3");
  EXPECT_EQ(r->misses[0][0].rule, "default.description_terms");  // what to audit: the rule that fired
}

// The default rule on a shipped label file, where docs/classification.md
// says it was measured: a change that loses these figures must say so there.
void ExpectDefaultRuleHolds(const std::string& file, size_t min_labels, double min_precision, double min_recall) {
  auto labels = LoadLabels(std::string(JOBSIFT_SOURCE_DIR) + "/data/eval/" + file);
  ASSERT_TRUE(labels.ok()) << labels.status().message();
  EXPECT_GE(labels->size(), min_labels);
  auto lexicon = Lexicon::LoadDir(std::string(JOBSIFT_SOURCE_DIR) + "/data/lexicons");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  auto r = Evaluate(*labels, testing::RealDataRoot(), *lexicon, StandardVariants());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->not_found.empty());
  EXPECT_GE(r->scores[0].Precision(), min_precision);
  EXPECT_GE(r->scores[0].Recall(), min_recall);
  EXPECT_GT(r->scores[0].F1(), r->scores[2].F1());  // better than the report's rule
}

TEST(Eval, ShippedLabelsKeepTheDefaultRuleWhereItWasMeasured) {
  JOBSIFT_NEED_REAL_DATA();
  ExpectDefaultRuleHolds("ai_labels.tsv", 400, 0.90, 0.87);
}

TEST(Eval, HeldOutLabelsKeepTheDefaultRuleWhereItWasMeasured) {
  JOBSIFT_NEED_REAL_DATA();
  // A second sample, drawn after the rule was tuned on the first.
  ExpectDefaultRuleHolds("ai_labels_heldout.tsv", 250, 0.88, 0.89);
}

TEST(Eval, WilsonIntervalsBoundAProportion) {
  // 8 of 10: the textbook 95% interval is 0.490 to 0.943.
  Interval i = Wilson95(8, 10);
  EXPECT_NEAR(i.low, 0.4902, 0.0001);
  EXPECT_NEAR(i.high, 0.9433, 0.0001);
  // All hits: the upper bound is 1, the lower one is not.
  Interval all = Wilson95(5, 5);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
  EXPECT_NEAR(all.low, 0.5655, 0.0001);
  // Nothing measured: anything is possible.
  Interval none = Wilson95(0, 0);
  EXPECT_EQ(none.low, 0.0);
  EXPECT_EQ(none.high, 1.0);
}

Label L(std::string key, bool ai, std::string reason = "") {
  Label l;
  l.source = "p.csv";
  l.key = std::move(key);
  l.ai = ai;
  l.reason = std::move(reason);
  return l;
}

TEST(Eval, AgreementOfTwoLabellingsIsCountedWithKappa) {
  // Postings a..e in both (4 alike), f only in the first, g only in the second.
  std::vector<Label> first = {L("a", true), L("b", true), L("c", false), L("d", false), L("e", true, "grey"),
                              L("f", false)};
  std::vector<Label> second = {L("e", false, "not"), L("d", false), L("c", false), L("b", true), L("a", true),
                               L("g", true)};
  auto a = CompareLabels(first, second);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->both, 5u);
  EXPECT_DOUBLE_EQ(a->observed, 0.8);
  // Chance agreement: first 3/5 AI, second 2/5: 0.6*0.4 + 0.4*0.6 = 0.48.
  EXPECT_NEAR(a->kappa, (0.8 - 0.48) / (1 - 0.48), 1e-12);
  EXPECT_EQ(a->second_vs_first.tp, 2u);
  EXPECT_EQ(a->second_vs_first.fn, 1u);
  EXPECT_EQ(a->second_vs_first.fp, 0u);
  ASSERT_EQ(a->disagreements.size(), 1u);
  EXPECT_EQ(a->disagreements[0].first.reason, "grey");
  EXPECT_EQ(a->disagreements[0].second.reason, "not");
  std::vector<std::string> consensus;
  for (const Label& l : a->consensus) consensus.push_back(l.key);
  EXPECT_EQ(consensus, (std::vector<std::string>{"a", "b", "c", "d"}));  // the first's order
  EXPECT_EQ(a->only_first, std::vector<std::string>{"p.csv f"});
  EXPECT_EQ(a->only_second, std::vector<std::string>{"p.csv g"});

  second.push_back(L("a", false));
  auto twice = CompareLabels(first, second);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("p.csv a twice"), std::string::npos);
}

TEST(Eval, SecondHeldOutLabellingCoversTheSamePostings) {
  auto first = LoadLabels(std::string(JOBSIFT_SOURCE_DIR) + "/data/eval/ai_labels_heldout.tsv");
  auto second = LoadLabels(std::string(JOBSIFT_SOURCE_DIR) + "/data/eval/ai_labels_heldout_second.tsv");
  ASSERT_TRUE(first.ok() && second.ok());
  auto a = CompareLabels(*first, *second);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->both, first->size());
  EXPECT_TRUE(a->only_first.empty());
  EXPECT_TRUE(a->only_second.empty());
  // The figures the file's header and docs/classification.md quote.
  EXPECT_EQ(a->disagreements.size(), 5u);
  EXPECT_NEAR(a->kappa, 0.954, 0.0005);
}

}  // namespace
}  // namespace jobsift
