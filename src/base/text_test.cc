#include "base/text.h"

#include <gtest/gtest.h>

namespace jobsift {
namespace {

TEST(TrimCell, RemovesNbspAndIdeographicSpace) {
  // 51job-2018 pads company sizes with U+00A0: "\xa0\xa0500-1000人 \xa0\xa0".
  EXPECT_EQ(TrimCell("\xC2\xA0\xC2\xA0" "500-1000人 \xC2\xA0\xC2\xA0"), "500-1000人");
  EXPECT_EQ(TrimCell("\xE3\x80\x80北京\xE3\x80\x80"), "北京");
  EXPECT_EQ(TrimCell("  \t\r\n"), "");
  EXPECT_EQ(TrimCell("上市公司   "), "上市公司");
}

TEST(UnwrapListLiteral, UnwrapsPythonLists) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"['1-1.5万/月']", "1-1.5万/月"},
      {"[]", ""},
      {"['上海-浦东新区']", "上海-浦东新区"},
      {"['a', 'b']", "a,b"},
      {"[\"x\"]", "x"},
      {"['it\\'s']", "it's"},
      {"['IT培训咨询顾问    人工智能大数据区块链']", "IT培训咨询顾问    人工智能大数据区块链"},
  };
  for (const auto& c : cases) {
    std::string out;
    ASSERT_TRUE(UnwrapListLiteral(c.in, out)) << c.in;
    EXPECT_EQ(out, c.out) << c.in;
  }
}

TEST(UnwrapListLiteral, LeavesOtherBracketsAlone) {
  for (const char* in : {"[1, 2]", "[abc]", "['unterminated]", "['a'] tail", "[五险一金]"}) {
    std::string out = "untouched";
    EXPECT_FALSE(UnwrapListLiteral(in, out)) << in;
    EXPECT_EQ(out, "untouched");
  }
}

TEST(Utf8, RepairReplacesEachBadSequence) {
  std::string out;
  EXPECT_EQ(AppendRepairedUtf8("ok\xFF" "中\xE4\xB8", out), 3u);  // invalid bytes
  EXPECT_EQ(out, "ok\xEF\xBF\xBD中\xEF\xBF\xBD");
  EXPECT_TRUE(IsValidUtf8(out));
  out.clear();
  EXPECT_EQ(AppendRepairedUtf8("\xC0\xAF", out), 2u);  // overlong '/'
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
}

TEST(Escaping, TsvAndJsonStayOnOneLine) {
  std::string tsv;
  AppendTsvEscaped("a\tb\nc\\\x01", tsv);
  EXPECT_EQ(tsv, "a\\tb\\nc\\\\\\x01");
  std::string json;
  AppendJsonString("引号\"\n", json);
  EXPECT_EQ(json, "\"引号\\\"\\n\"");
}

TEST(Escaping, HtmlEscapesMarkupAndQuotes) {
  std::string html;
  AppendHtmlEscaped("</script><b a=\"x\" b='y'>&amp;北京", html);
  EXPECT_EQ(html, "&lt;/script&gt;&lt;b a=&quot;x&quot; b=&#39;y&#39;&gt;&amp;amp;北京");
}

}  // namespace
}  // namespace jobsift
