#include "lexicon/annotator.h"

#include <gtest/gtest.h>

#include "../../tests/test_util.h"

namespace jobsift {
namespace {

using testing::TempDir;
using testing::WriteFile;

// A small lexicon written by the test, so the rules are tested apart from
// the shipped word lists.
class AnnotatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.File("ai/core.tsv"),
              "# group: 机器学习\n# category: ai\n# belongs: x\n# left out: y\n"
              "机器学习\n深度学习\nPyTorch\nNLP\nACL\nViT\nSSD\n大模型\n"
              "AI\tweak\tPS/AI|AI/PS\n算法\tweak\n智能\tweak\t智能制造|智能家居\n");
    WriteFile(dir_.File("soft/learn.tsv"),
              "# group: 学习\n# category: soft\n# belongs: x\n# left out: y\n"
              "学习能力\n学习\t\t机器学习|深度学习\n");
    WriteFile(dir_.File("soft/comm.tsv"), "# group: 沟通\n# category: soft\n# belongs: x\n# left out: y\n沟通\n");
    WriteFile(dir_.File("benefit/five.tsv"),
              "# group: 五险\n# category: benefit\n# belongs: x\n# left out: y\n五险一金\n五险\n");
    WriteFile(dir_.File("benefit/fund.tsv"), "# group: 一金\n# category: benefit\n# belongs: x\n# left out: y\n一金\n");
    WriteFile(dir_.File("hard/ml.tsv"),
              "# group: 机器学习\n# category: 专业知识\n# belongs: x\n# left out: y\n机器学习\nC++\n");
  }
  std::unique_ptr<Annotator> Make(AnnotateOptions o = {}) {
    auto lex = Lexicon::LoadDir(dir_.path());
    EXPECT_TRUE(lex.ok()) << lex.status().message();
    auto a = Annotator::Create(std::move(*lex), o);
    EXPECT_TRUE(a.ok()) << a.status().message();
    return std::move(*a);
  }
  Annotation Run(Annotator& a, std::string_view title, std::string_view desc, std::string_view benefits = "") {
    auto s = a.NewScratch();
    Annotation out;
    a.AnnotateText(title, desc, benefits, *s, &out);
    return out;
  }
  std::vector<std::string> AiTerms(const Annotator& a, const Annotation& an) {
    std::vector<std::string> v;
    for (const TermHit& h : an.ai_terms)
      v.push_back(a.lexicon().terms()[h.term].text + "@" + std::string(SectionName(h.section)));
    return v;
  }
  TempDir dir_;
};

TEST_F(AnnotatorTest, AsciiTermsNeedWordBoundariesThatUnderstandCjk) {
  auto a = Make(AnnotateOptions{AiRule::kReport});
  EXPECT_TRUE(Run(*a, "AI算法工程师", "").ai);
  EXPECT_TRUE(Run(*a, "", "负责AI平台").ai);
  EXPECT_TRUE(Run(*a, "", "(AI)").ai);
  for (const char* no : {"请发送MAIL至", "DETAIL页", "熟悉Oracle数据库", "使用Revit建模", "GaussDB运维"})
    EXPECT_FALSE(Run(*a, "", no).ai) << no;
  EXPECT_TRUE(Run(*a, "", "发表过ACL论文").ai);
  EXPECT_TRUE(Run(*a, "", "熟悉ViT").ai);
}

TEST_F(AnnotatorTest, ExclusionsAndCaseFolding) {
  auto a = Make(AnnotateOptions{AiRule::kReport});
  EXPECT_FALSE(Run(*a, "平面设计", "熟练使用PS/AI等设计软件").ai);
  EXPECT_FALSE(Run(*a, "", "熟练使用 ai/ps").ai);
  EXPECT_FALSE(Run(*a, "", "推进智能制造").ai);
  EXPECT_TRUE(Run(*a, "", "熟悉ｐｙｔｏｒｃｈ").ai);  // full width and case folded
  // Nothing matches inside a tag or attribute.
  EXPECT_FALSE(Run(*a, "", "<a href=\"/nlp/pytorch\" title=\"AI\">详情</a>").ai);
}

TEST_F(AnnotatorTest, AnExclusionAfterTheTermIsFoundWhateverItsLength) {
  // 人 and 任 share their first byte, so an exclusion checked by that byte
  // alone is compared in full either way; one-byte and case-folded tails too.
  WriteFile(dir_.File("soft/duty.tsv"),
            "# group: 负责\n# category: soft\n# belongs: x\n# left out: y\n负责\t\t负责人|负责a\n");
  auto a = Make();
  Annotation an = Run(*a, "", "负责人，负责任，负责A，负责b，负责");
  EXPECT_EQ(an.term_count[static_cast<size_t>(Domain::kSoft)], 3u);  // 负责任, 负责b, 负责
}

TEST_F(AnnotatorTest, DefaultRuleWeighsTitleAndDescriptionEvidence) {
  auto a = Make();
  // Weak terms alone never make an AI job.
  Annotation weak_only = Run(*a, "销售经理", "向客户介绍AI产品，设计算法");
  EXPECT_FALSE(weak_only.ai);
  EXPECT_EQ(AiTerms(*a, weak_only), (std::vector<std::string>{"AI@body", "算法@body"}));
  // A strong term in the title of a technical role decides.
  Annotation title = Run(*a, "NLP工程师", "");
  EXPECT_TRUE(title.ai);
  EXPECT_EQ(title.ai_rule, "default.title_term");
  // ... but not in the title of a role that sells or recruits.
  EXPECT_FALSE(Run(*a, "大模型产品销售", "").ai);
  // A weak title term needs a strong term in the description.
  EXPECT_FALSE(Run(*a, "AI产品经理助理", "").ai);
  EXPECT_FALSE(Run(*a, "算法工程师", "负责PID控制").ai);
  Annotation confirmed = Run(*a, "算法工程师", "岗位职责:\n负责深度学习模型研发");
  EXPECT_TRUE(confirmed.ai);
  EXPECT_EQ(confirmed.ai_rule, "default.title_weak_confirmed");
  // Without an AI title, two distinct strong terms in the description.
  EXPECT_FALSE(Run(*a, "数据工程师", "岗位职责:\n搭建大模型推理服务").ai);
  Annotation desc = Run(*a, "数据工程师", "岗位职责:\n搭建大模型推理服务;\n用PyTorch训练模型");
  EXPECT_TRUE(desc.ai);
  EXPECT_EQ(desc.ai_rule, "default.description_terms");
  // General software roles need three.
  EXPECT_FALSE(Run(*a, "Java开发", "岗位职责:\n搭建大模型推理服务;\n用PyTorch训练模型").ai);
  // The report's rule counts any term anywhere.
  auto report = Make(AnnotateOptions{AiRule::kReport});
  Annotation r = Run(*report, "销售经理", "向客户介绍AI产品");
  EXPECT_TRUE(r.ai);
  EXPECT_EQ(r.ai_rule, "report.any_term");
}

TEST_F(AnnotatorTest, IncidentalMentionsDoNotCount) {
  auto a = Make();
  // Offered as a plus, listed among majors, or using AI tools.
  EXPECT_FALSE(Run(*a, "数据工程师", "熟悉Spark;\n有大模型、PyTorch经验者优先").ai);
  EXPECT_FALSE(Run(*a, "数据工程师", "计算机、机器学习、深度学习等相关专业").ai);
  // A clause naming five AI fields at once is a list, not work.
  EXPECT_FALSE(Run(*a, "全栈工程师", "机器学习 深度学习 NLP ViT 大模型").ai);
  EXPECT_TRUE(Run(*a, "数据工程师", "负责机器学习平台;\n负责深度学习训练").ai);
}

TEST_F(AnnotatorTest, CompanyBlurbIsLeftOutOfTheDefaultRuleAndSkills) {
  auto a = Make();
  Annotation an = Run(*a, "会计", "岗位职责:\n记账\n公司介绍:\n我们专注深度学习与大模型，重视沟通");
  EXPECT_FALSE(an.ai);
  EXPECT_TRUE(an.has_company_section);
  EXPECT_EQ(AiTerms(*a, an), (std::vector<std::string>{"深度学习@company", "大模型@company"}));
  EXPECT_TRUE(an.groups[static_cast<size_t>(Domain::kSoft)].empty());
  AnnotateOptions keep;
  keep.skip_company_for_ai = false;
  keep.skip_company_for_skills = false;
  auto k = Make(keep);
  Annotation kept = Run(*k, "会计", "岗位职责:\n记账\n公司介绍:\n我们专注深度学习与大模型，重视沟通");
  EXPECT_TRUE(kept.ai);
  EXPECT_EQ(kept.groups[static_cast<size_t>(Domain::kSoft)].size(), 1u);
}

TEST_F(AnnotatorTest, GroupsCountOncePerPostingAndCompoundsAreExcluded) {
  auto a = Make();
  Annotation an = Run(*a, "算法工程师", "熟悉机器学习、深度学习，学习能力强，善于沟通，沟通顺畅", "五险一金");
  const auto& groups = a->lexicon().groups();
  std::vector<std::string> soft, benefit;
  for (uint32_t g : an.groups[static_cast<size_t>(Domain::kSoft)]) soft.push_back(groups[g].name);
  for (uint32_t g : an.groups[static_cast<size_t>(Domain::kBenefit)]) benefit.push_back(groups[g].name);
  EXPECT_EQ(soft, (std::vector<std::string>{"沟通", "学习"}));  // in group (file) order
  // 五险一金 counts for both 五险 and 一金.
  EXPECT_EQ(benefit, (std::vector<std::string>{"五险", "一金"}));
  // 学习 inside 机器学习 / 深度学习 does not count; 学习能力 does (one hit).
  size_t learn = 0;
  for (const TermHit& h : an.terms)
    if (a->lexicon().terms()[h.term].text == "学习") learn += h.count;
  EXPECT_EQ(learn, 1u);
  EXPECT_EQ(an.ai_rule, "default.title_weak_confirmed");
}

TEST_F(AnnotatorTest, CplusplusKeepsItsBoundaryOnlyWhereItHasOne) {
  auto a = Make();
  Annotation an = Run(*a, "", "精通C++与Python");
  ASSERT_EQ(an.groups[static_cast<size_t>(Domain::kHard)].size(), 1u);
  EXPECT_TRUE(Run(*a, "", "ObjectiveC++").groups[static_cast<size_t>(Domain::kHard)].empty());
}

TEST(LexiconLoad, ErrorsNameTheFileAndLine) {
  TempDir d;
  WriteFile(d.File("ai/a.tsv"), "# group: G\n# belongs: x\n# left out: y\nPyTorch\npytorch\n");
  auto lex = Lexicon::LoadDir(d.path());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("a.tsv:5: duplicate ai term 'pytorch' (first at"), std::string::npos)
      << lex.status().message();
  WriteFile(d.File("ai/a.tsv"), "# group: G\n# belongs: x\n# left out: y\nAI\tstrong\n");
  lex = Lexicon::LoadDir(d.path());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("a.tsv:4: unknown flag 'strong'"), std::string::npos);
  WriteFile(d.File("ai/a.tsv"), "# group: G\nAI\n");
  lex = Lexicon::LoadDir(d.path());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("belongs"), std::string::npos);
  WriteFile(d.File("ai/a.tsv"), "# group: G\n# belongs: x\n# left out: y\nAI\t\tPS\n");
  lex = Lexicon::LoadDir(d.path());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("does not contain the term"), std::string::npos);
  WriteFile(d.File("hard/h.tsv"), "# group: H\n# category: 其他\n# belongs: x\n# left out: y\nC++\n");
  WriteFile(d.File("ai/a.tsv"), "# group: G\n# belongs: x\n# left out: y\nAI\n");
  lex = Lexicon::LoadDir(d.path());
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("专业知识"), std::string::npos);
}

}  // namespace
}  // namespace jobsift
