// SplitSections and SectionName (text/sections.h): the headings of a
// normalised description (岗位职责, 任职要求, 福利待遇, 公司介绍 and the other
// names sections.cc lists, Chinese and English, bare, after list markers, in
// brackets or followed by a full-width or ASCII colon) start a section; the
// spans are appended in order, cover the text without gaps or overlaps and
// carry the caller's `base` offset; text without a heading is one body span;
// a heading word that opens a sentence (no colon, more text after it) starts
// nothing. The tests in normalize_test.cc (suite Sections) cover list
// markers and a heading word in mid-sentence.
#include "text/sections.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../tests/test_util.h"
#include "text/normalize.h"

namespace jobsift {
namespace {

std::string Norm(std::string_view raw) {
  std::string out;
  AppendNormalizedText(raw, out);
  return out;
}

std::vector<SectionSpan> Split(std::string_view text, size_t base = 0) {
  std::vector<SectionSpan> spans;
  SplitSections(text, base, testing::ShippedHeadings(), spans);
  return spans;
}

std::vector<Section> SectionsOf(const std::vector<SectionSpan>& spans) {
  std::vector<Section> out;
  for (const SectionSpan& s : spans) out.push_back(s.section);
  return out;
}

// The text of each span (offsets relative to `base`).
std::vector<std::string> TextsOf(const std::string& text, const std::vector<SectionSpan>& spans, size_t base = 0) {
  std::vector<std::string> out;
  for (const SectionSpan& s : spans) out.push_back(text.substr(s.begin - base, s.end - s.begin));
  return out;
}

// Spans start at `base`, each begins where the previous ends, the last ends
// at base + size, and none is empty.
void ExpectCovers(const std::string& text, const std::vector<SectionSpan>& spans, size_t base) {
  ASSERT_FALSE(spans.empty());
  EXPECT_EQ(spans.front().begin, base);
  for (size_t i = 0; i < spans.size(); ++i) {
    EXPECT_LT(spans[i].begin, spans[i].end) << "span " << i;
    if (i > 0) EXPECT_EQ(spans[i].begin, spans[i - 1].end) << "span " << i;
  }
  EXPECT_EQ(spans.back().end, base + text.size());
}

TEST(SectionsSplit, FullWidthAndAsciiColonsEndAHeading) {
  std::string text = Norm("负责算法研发\n岗位职责：训练模型\n任职要求:本科以上\n公司介绍：我们是一家AI公司");
  std::vector<SectionSpan> spans = Split(text);
  ASSERT_EQ(SectionsOf(spans), (std::vector<Section>{Section::kBody, Section::kDuties, Section::kRequirements,
                                                      Section::kCompany}));
  // A heading line begins its span; the newline before it ends the previous.
  EXPECT_EQ(TextsOf(text, spans), (std::vector<std::string>{"负责算法研发\n", "岗位职责:训练模型\n",
                                                             "任职要求:本科以上\n", "公司介绍:我们是一家AI公司"}));
  ExpectCovers(text, spans, 0);
}

TEST(SectionsSplit, OtherHeadingNamesMapToTheirSections) {
  struct Case {
    const char* heading;
    Section section;
  };
  const Case kCases[] = {
      {"工作内容", Section::kDuties},       {"工作职责:", Section::kDuties},       {"职位描述", Section::kDuties},
      {"Responsibilities:", Section::kDuties}, {"任职资格", Section::kRequirements}, {"岗位要求:", Section::kRequirements},
      {"要求:", Section::kRequirements},    {"Requirements", Section::kRequirements},
      {"薪资福利", Section::kBenefits},     {"【福利待遇】", Section::kBenefits},  {"我们提供:", Section::kBenefits},
      {"公司简介", Section::kCompany},      {"关于我们:", Section::kCompany},      {"ABOUT US", Section::kCompany},
      {"[企业介绍]", Section::kCompany},    {"1. 岗位职责", Section::kDuties},     {"岗位职责 :", Section::kDuties},
  };
  for (const Case& c : kCases) {
    std::string text = "前言\n" + std::string(c.heading) + "\n内容";
    std::vector<SectionSpan> spans = Split(text);
    ASSERT_EQ(spans.size(), 2u) << c.heading;
    EXPECT_EQ(spans[0].section, Section::kBody) << c.heading;
    EXPECT_EQ(spans[1].section, c.section) << c.heading;
    EXPECT_EQ(spans[1].begin, std::string("前言\n").size()) << c.heading;
  }
}

TEST(SectionsSplit, OffsetsCarryTheBaseAndAreAppended) {
  std::string text = Norm("前言\n岗位职责\n训练模型\n福利待遇:五险一金");
  std::vector<SectionSpan> spans = {{Section::kTitle, 0, 40}};  // a title span already there
  const size_t base = 41;
  SplitSections(text, base, testing::ShippedHeadings(), spans);
  ASSERT_EQ(SectionsOf(spans),
            (std::vector<Section>{Section::kTitle, Section::kBody, Section::kDuties, Section::kBenefits}));
  EXPECT_EQ(spans[0].end, 40u);  // untouched
  std::vector<SectionSpan> mine(spans.begin() + 1, spans.end());
  ExpectCovers(text, mine, base);
  EXPECT_EQ(TextsOf(text, mine, base),
            (std::vector<std::string>{"前言\n", "岗位职责\n训练模型\n", "福利待遇:五险一金"}));
  // The same text at base 0 gives the same spans shifted.
  std::vector<SectionSpan> plain = Split(text);
  ASSERT_EQ(plain.size(), mine.size());
  for (size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].begin + base, mine[i].begin);
    EXPECT_EQ(plain[i].end + base, mine[i].end);
  }
}

TEST(SectionsSplit, TextWithoutAHeadingIsOneBodySpan) {
  std::string text = Norm("负责模型训练与部署\n熟悉PyTorch\n有大模型经验者优先");
  std::vector<SectionSpan> spans = Split(text, 7);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].section, Section::kBody);
  EXPECT_EQ(spans[0].begin, 7u);
  EXPECT_EQ(spans[0].end, 7u + text.size());
}

TEST(SectionsSplit, AHeadingAtTheStartHasNoBodyBeforeIt) {
  std::string text = "任职要求:\n硕士";
  std::vector<SectionSpan> spans = Split(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].section, Section::kRequirements);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[0].end, text.size());
}

TEST(SectionsSplit, AHeadingWordOpeningASentenceIsNotAHeading) {
  // The word starts the line but more text follows without a colon.
  std::string text = Norm("要求熟悉Python\n福利很好的公司\n岗位职责包括训练模型\n公司介绍见官网");
  std::vector<SectionSpan> spans = Split(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].section, Section::kBody);
  // And a list item that merely mentions one.
  spans = Split(Norm("1、符合任职要求者优先\n2、关于我们的产品"));
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].section, Section::kBody);
}

TEST(SectionsName, EachSectionHasItsDocumentedName) {
  EXPECT_EQ(SectionName(Section::kTitle), "title");
  EXPECT_EQ(SectionName(Section::kBody), "body");
  EXPECT_EQ(SectionName(Section::kDuties), "duties");
  EXPECT_EQ(SectionName(Section::kRequirements), "requirements");
  EXPECT_EQ(SectionName(Section::kBenefits), "benefits");
  EXPECT_EQ(SectionName(Section::kCompany), "company");
}

}  // namespace
}  // namespace jobsift

namespace jobsift {
namespace {

// Headings are data (rules.tsv heading.* lists): another set splits
// otherwise, and a set the lookup cannot hold is an error, not a crash.
TEST(SectionHeadingsMake, AnotherSetSplitsOtherwiseAndBadSetsAreRefused) {
  auto own = SectionHeadings::Make({{"团队介绍", Section::kCompany}, {"Your Work", Section::kDuties}});
  ASSERT_TRUE(own.ok()) << own.status().message();
  std::string text = Norm("YOUR WORK:\n训练模型\n团队介绍\n我们做大模型");
  std::vector<SectionSpan> spans;
  SplitSections(text, 0, *own, spans);
  EXPECT_EQ(SectionsOf(spans), (std::vector<Section>{Section::kDuties, Section::kCompany}));
  spans.clear();
  SplitSections(Norm("岗位职责\n训练模型"), 0, *own, spans);  // not a heading of this set
  EXPECT_EQ(SectionsOf(spans), (std::vector<Section>{Section::kBody}));

  EXPECT_FALSE(SectionHeadings::Make({{"", Section::kDuties}}).ok());
  std::vector<std::pair<std::string, Section>> same_start;
  for (int i = 0; i < 33; ++i) same_start.emplace_back("职" + std::to_string(i), Section::kDuties);
  auto crowded = SectionHeadings::Make(same_start);
  ASSERT_FALSE(crowded.ok());
  EXPECT_NE(crowded.status().message().find("start with the character"), std::string::npos);
  std::vector<std::pair<std::string, Section>> many;
  for (int i = 0; i < 201; ++i) many.emplace_back("h" + std::to_string(i), Section::kDuties);
  EXPECT_FALSE(SectionHeadings::Make(many).ok());
}

}  // namespace
}  // namespace jobsift
