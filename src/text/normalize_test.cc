#include "text/normalize.h"

#include <gtest/gtest.h>

#include "base/text.h"
#include "../../tests/test_util.h"
#include "text/sections.h"

namespace jobsift {
namespace {

std::string Norm(std::string_view s, bool fold_case = false) {
  std::string out;
  AppendNormalizedText(s, out, fold_case);
  return out;
}

TEST(Normalize, HtmlTagsBecomeSeparatorsAndNothingInsideThemSurvives) {
  EXPECT_EQ(Norm("<p>职责描述：</p><ol style=\"list-style-type: none\"><li>1、从事机器学习</li><li>2、负责深度学习平台</li></ol>"),
            "职责描述:\n1、从事机器学习\n2、负责深度学习平台");
  // An attribute value never reaches the text.
  EXPECT_EQ(Norm("<a href=\"http://ai.example.com/pytorch\" title=\"AI\">联系我们</a>"), "联系我们");
  EXPECT_EQ(Norm("第一行<br>第二行<BR/>第三行"), "第一行\n第二行\n第三行");
  EXPECT_EQ(Norm("<script>var ai = 1;</script>正文<style>.x{}</style>"), "正文");
}

TEST(Normalize, LessThanThatIsNotATagIsText) {
  EXPECT_EQ(Norm("经验<5年, a<b"), "经验<5年, a<b");
}

TEST(Normalize, EntitiesAreDecoded) {
  EXPECT_EQ(Norm("R&amp;D&nbsp;&lt;C++&gt; &#20154;&#x5DE5;智能 &bogus;"), "R&D <C++> 人工智能 &bogus;");
}

TEST(Normalize, FullWidthAndSpacesFold) {
  EXPECT_EQ(Norm("熟悉ＰｙＴｏｒｃｈ，\xE3\x80\x80ＴｅｎｓｏｒＦｌｏｗ\xC2\xA0等"), "熟悉PyTorch, TensorFlow 等");
  EXPECT_EQ(Norm("  a \t\t b  \r\n\r\n\n  c  "), "a b\nc");
  EXPECT_EQ(Norm("PyTorch", /*fold_case=*/true), "pytorch");
}

TEST(Normalize, SixteenBytesAtATimeGiveWhatByteByByteGives) {
  // Without case folding the vector loop runs, with several stops in one
  // block and stops across blocks; with it, the byte-by-byte loop. The two
  // must differ only in the case of ASCII letters.
  const std::vector<std::string> pieces = {
      "a", "B", "xyz", " ", "  ", "\n", "\r\n", "\t", "<p>", "</li>", "<br/>", "<div class=\"x\">", "&amp;", "&#x4E00;",
      "&nbsp;", "&bogus;", "，", "Ａ", "ｚ", "、", "。", "\xE3\x80\x80", "\xC2\xA0", "中文", "<", "&", "a<b",
      "<script>var x;</script>", "￥", "\xE4\xB8", "\xE3", "\xEF\xBC", "\xC2", "\x7F"};
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string in;
    size_t count = next() % 60;
    for (size_t k = 0; k < count; ++k) in += pieces[next() % pieces.size()];
    ASSERT_EQ(AsciiLower(Norm(in)), Norm(in, /*fold_case=*/true)) << "input: " << in;
  }
}

// The sections of `text` (already normalised).
std::vector<SectionSpan> Split(const std::string& text) {
  std::vector<SectionSpan> spans;
  SplitSections(text, 0, testing::ShippedHeadings(), spans);
  return spans;
}

std::vector<Section> SectionsOf(const std::vector<SectionSpan>& spans) {
  std::vector<Section> out;
  for (const SectionSpan& s : spans) out.push_back(s.section);
  return out;
}

TEST(Sections, HeadingsSplitDutiesRequirementsBenefitsCompany) {
  std::string text = Norm(
      "负责算法研发\n岗位职责：\n1、训练模型\n任职要求:\n熟悉PyTorch\n【福利待遇】五险一金\n公司介绍\n我们是一家AI公司");
  std::vector<SectionSpan> spans = Split(text);
  ASSERT_EQ(SectionsOf(spans), (std::vector<Section>{Section::kBody, Section::kDuties, Section::kRequirements,
                                                      Section::kBenefits, Section::kCompany}));
  EXPECT_EQ(text.substr(spans[4].begin, spans[4].end - spans[4].begin), "公司介绍\n我们是一家AI公司");
  EXPECT_EQ(spans[4].end, text.size());
}

TEST(Sections, ListMarkersBeforeAHeadingAreSkipped) {
  std::string text = Norm(
      "一、岗位职责\n训练模型\n二、任职要求：\n熟悉PyTorch\n■ 福利待遇\n五险一金\n【公司介绍】\nAI公司\n"
      "一岗位职责不是标题\n六、要求");
  std::vector<SectionSpan> spans = Split(text);
  ASSERT_EQ(SectionsOf(spans), (std::vector<Section>{Section::kDuties, Section::kRequirements, Section::kBenefits,
                                                      Section::kCompany}));
  // "一" without 、 is no marker, and 六、 is not among them: both stay in
  // the company section.
  EXPECT_EQ(spans[3].end, text.size());
}

TEST(Normalize, ChinesePunctuationIsKeptAndOnlyItsSpacesAndFullWidthFormsChange) {
  // 、。「」【】 (E3 80 xx) are copied; U+3000 (E3 80 80) is a space; EF BC
  // and EF BD full-width ASCII fold, other EF characters (￥, U+FFE5) stay.
  EXPECT_EQ(Norm("一、负责。「模型」【训练】\xE3\x80\x80ＡＩ￥100，熟悉"), "一、负责。「模型」【训练】 AI￥100,熟悉");
  // The same far from the start, where the vector loop reads them.
  std::string pad(40, 'x');
  EXPECT_EQ(Norm(pad + "、。\xE3\x80\x80ＡＩ\xC2\xA0＆" + pad), pad + "、。 AI &" + pad);
}

TEST(Sections, AWordInsideASentenceIsNotAHeading) {
  std::vector<SectionSpan> spans = Split(Norm("有良好的沟通能力，满足岗位要求者优先\n公司介绍的内容写在这里是一整句话"));
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].section, Section::kBody);
}

TEST(Normalize, TraditionalToSimplifiedWithOpenCC) {
  auto t2s = SimplifiedChinese::Open();
  ASSERT_TRUE(t2s.ok()) << t2s.status().message();
  std::string s = "機器學習與深度學習";
  (*t2s)->Convert(s);
  EXPECT_EQ(s, "机器学习与深度学习");
}

}  // namespace
}  // namespace jobsift
