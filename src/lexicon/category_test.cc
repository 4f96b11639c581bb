#include "lexicon/category.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace jobsift {
namespace {

TEST(Definitions, ShippedDefinitionsNestAndReportTakesAnyTerm) {
  const auto& defs = ShippedDefinitions();
  ASSERT_EQ(defs.size(), 4u);
  EXPECT_EQ(defs[0].Codes(), "B");
  EXPECT_EQ(defs[1].Codes(), "B+A");
  EXPECT_EQ(defs[2].Codes(), "B+A+D");
  EXPECT_EQ(defs[3].Codes(), "any term");
  // Each category set holds the one before it.
  for (AiCategory c : kAllCategories) {
    if (defs[0].Flags(c, true)) EXPECT_TRUE(defs[1].Flags(c, true));
    if (defs[1].Flags(c, true)) EXPECT_TRUE(defs[2].Flags(c, true));
  }
  EXPECT_TRUE(defs[1].Flags(AiCategory::kApplication, true));
  EXPECT_FALSE(defs[1].Flags(AiCategory::kData, true));
  EXPECT_TRUE(defs[2].Flags(AiCategory::kData, true));
  // report: an AI term anywhere, whatever the category, and nothing without.
  EXPECT_TRUE(defs[3].Flags(AiCategory::kNone, true));
  EXPECT_FALSE(defs[3].Flags(AiCategory::kBuilder, false));
}

TEST(Definitions, AConfigDefinitionIsReadFromCodesAndErrorsNameTheChoices) {
  auto d = ParseDefinition("with_data", "B + A + D + S");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->Codes(), "B+A+D+S");
  EXPECT_FALSE(ParseDefinition("x", "B+Q").ok());
  EXPECT_FALSE(ParseDefinition("x", "").ok());
  auto found = FindDefinition("with_data", {*d});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, *d);
  auto unknown = FindDefinition("defualt", {*d});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("core, default, broad, report, with_data"), std::string::npos)
      << unknown.status().message();
}

CategoryInput Input(std::string_view title, std::string_view duties, std::vector<CategoryInput::Hit> hits,
                    std::string_view rule = {}) {
  CategoryInput in;
  in.title = title;
  in.duties = duties;
  in.has_description = !duties.empty();
  in.ai_hits = std::move(hits);
  in.rule = rule;
  return in;
}

TEST(RulesCategory, TheDefaultRuleMakesBuildersOrEngineersAndTitlesTheRest) {
  auto words = ReadRuleWords(DefaultRuleWordsPath());  // data/lexicons/rules.tsv
  ASSERT_TRUE(words.ok()) << words.status().message();
  const CategoryRules rules(*words);
  std::string_view rule;
  CategoryInput build = Input("算法工程师", "负责深度学习模型训练与调优",
                              {{"深度学习", "深度学习", Section::kDuties, false}}, "default.title_term");
  EXPECT_EQ(RulesCategory(build, rules, &rule), AiCategory::kBuilder);
  EXPECT_EQ(rule, "category.rules_builder");
  CategoryInput app = Input("Java开发工程师", "基于大模型搭建RAG知识库问答，对接API",
                            {{"大模型", "生成式AI", Section::kDuties, false}}, "default.description_terms");
  EXPECT_EQ(RulesCategory(app, rules, &rule), AiCategory::kApplication);
  CategoryInput label = Input("AI数据标注员", "对图片进行框选标注", {{"AI", "通用人工智能", Section::kTitle, true}});
  EXPECT_EQ(RulesCategory(label, rules, &rule), AiCategory::kData);
  EXPECT_EQ(rule, "category.rules_data_title");
  CategoryInput teach = Input("少儿AI编程老师", "讲授人工智能课程", {{"AI", "通用人工智能", Section::kTitle, true}});
  EXPECT_EQ(RulesCategory(teach, rules, &rule), AiCategory::kEducation);
  CategoryInput none = Input("会计", "负责记账", {});
  EXPECT_EQ(RulesCategory(none, rules, &rule), AiCategory::kNone);
  EXPECT_EQ(rule, "category.no_ai_term");
}

// Examples a small model can learn: builders by 算法, data work by 标注.
std::vector<CategoryModel::Example> Examples() {
  std::vector<CategoryModel::Example> out;
  auto add = [&](std::string_view title, std::string_view duties, AiCategory c) {
    CategoryInput in = Input(title, duties, {{"AI", "通用人工智能", Section::kTitle, true}});
    CategoryModel::Example e;
    CategoryFeatures(in, &e.features);
    e.category = c;
    out.push_back(std::move(e));
  };
  for (int i = 0; i < 5; ++i) {
    add("AI算法工程师", "负责模型训练与算法研发", AiCategory::kBuilder);
    add("AI数据标注员", "负责图片与文本的标注与质检", AiCategory::kData);
    add("AI课程讲师", "讲授人工智能课程", AiCategory::kEducation);
  }
  return out;
}

TEST(CategoryModel, TrainingIsDeterministicAndLearnsTheExamples) {
  CategoryModel::TrainOptions o;
  o.epochs = 10;
  CategoryModel a = CategoryModel::Train(Examples(), o);
  CategoryModel b = CategoryModel::Train(Examples(), o);
  EXPECT_EQ(a.Checksum(), b.Checksum());
  EXPECT_FALSE(a.empty());
  for (const auto& e : Examples()) EXPECT_EQ(a.Classify(e.features, nullptr), e.category);
  o.seed += 1;  // another visiting order: other weights
  EXPECT_NE(CategoryModel::Train(Examples(), o).Checksum(), a.Checksum());
}

TEST(CategoryModel, TheWeightsFileReadsBackAsTheSameModel) {
  CategoryModel::TrainOptions o;
  o.epochs = 10;
  CategoryModel m = CategoryModel::Train(Examples(), o);
  std::string path = ::testing::TempDir() + "/category_weights.tsv";
  std::ofstream(path) << m.Tsv("a test model\nsecond line");
  auto loaded = CategoryModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->Checksum(), m.Checksum());
  EXPECT_EQ(loaded->size(), m.size());
  EXPECT_EQ(loaded->Tsv("a test model\nsecond line"), m.Tsv("a test model\nsecond line"));
  std::remove(path.c_str());
}

TEST(CategoryModel, ScoringAPostingEqualsScoringItsFeatureNames) {
  // The fast path (no feature strings) must decide as the named features do,
  // repeated features counted once, on postings unlike the examples too.
  CategoryModel::TrainOptions o;
  o.epochs = 10;
  CategoryModel m = CategoryModel::Train(Examples(), o);
  auto scratch = m.NewScratch();
  const std::vector<CategoryInput> inputs = {
      Input("AI算法工程师", "负责模型训练与算法研发，算法算法算法", {{"AI", "通用人工智能", Section::kTitle, true}}),
      Input("数据标注", "标注标注标注", {{"标注", "数据", Section::kDuties, false}}, "default.description_terms"),
      Input("Senior ML Engineer", "Train LLMs; ship models.", {{"LLM", "大模型", Section::kRequirements, false}}),
      Input("讲师", "", {}),
  };
  for (const CategoryInput& in : inputs) {
    std::vector<std::string> features;
    CategoryFeatures(in, &features);
    std::array<double, kCategoryCount> scores{};
    AiCategory named = m.Classify(features, &scores);
    EXPECT_EQ(m.Classify(in, *scratch), named) << in.title;
    EXPECT_EQ(m.Classify(in, *scratch), named) << in.title << " (the scratch reused)";
  }
  // Explain names the features that pushed the choice, largest first.
  std::vector<std::string> f;
  CategoryFeatures(inputs[1], &f);
  auto why = m.Explain(f, m.Classify(f, nullptr), 3);
  ASSERT_FALSE(why.empty());
  EXPECT_NE(why[0].find(" +"), std::string::npos) << why[0];
}

TEST(CategoryModel, ABadWeightsFileIsAnErrorNamingTheLine) {
  std::string path = ::testing::TempDir() + "/bad_weights.tsv";
  std::ofstream(path) << "# header\nt:算\t1\t0\t0\t0\t0\t0\t0\nt:法\t1\t0\tx\t0\t0\t0\t0\n";
  auto m = CategoryModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find(":3:"), std::string::npos) << m.status().message();
  std::ofstream(path) << "t:算\t1\t0\t0\t0\t0\t0\t0\nt:算\t1\t0\t0\t0\t0\t0\t0\n";
  m = CategoryModel::Load(path);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("twice"), std::string::npos) << m.status().message();
  std::ofstream(path) << "t:算\t1\t0\t0\n";
  EXPECT_FALSE(CategoryModel::Load(path).ok());
  std::remove(path.c_str());
  EXPECT_FALSE(CategoryModel::Load(path).ok());  // not there
}

}  // namespace
}  // namespace jobsift
