#include "fields/fold.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace jobsift {
namespace {

struct FoldCase {
  std::string_view raw;
  std::string_view folded;
};

TEST(Fold, FullWidthFormsBecomeAscii) {
  const FoldCase kCases[] = {
      {"１５－２５Ｋ", "15-25K"},
      {"１．５万／月", "1.5万/月"},
      {"１０～１５ｋ", "10~15k"},
      {"３年以上", "3年以上"},
      {"２０２３／０１／０２", "2023/01/02"},
      {"１０，０００元", "10,000元"},
      {"（５０－１５０人）", "(50-150人)"},
  };
  for (const auto& c : kCases) {
    char buf[kFoldBufferSize];
    const auto got = FoldWidth(c.raw, buf);
    ASSERT_TRUE(got.has_value()) << c.raw;
    EXPECT_EQ(*got, c.folded) << c.raw;
  }
}

TEST(Fold, DashesSpacesAndWaveDashFold) {
  const FoldCase kCases[] = {
      {"8千—1.2万", "8千-1.2万"},   // U+2014 em dash
      {"8千–1.2万", "8千-1.2万"},   // U+2013 en dash
      {"10−20K", "10-20K"},         // U+2212 minus
      {"10〜20K", "10~20K"},        // U+301C wave dash
      {"\u3000３年\u3000", "3年"},  // ideographic spaces trimmed after folding
      {"50\u00a0人", "50 人"},      // interior NBSP
  };
  for (const auto& c : kCases) {
    char buf[kFoldBufferSize];
    const auto got = FoldWidth(c.raw, buf);
    ASSERT_TRUE(got.has_value()) << c.raw;
    EXPECT_EQ(*got, c.folded) << c.raw;
  }
}

TEST(Fold, OtherTextIsUnchanged) {
  for (std::string_view raw :
       {"", "本科", "15-25K·13薪", "2024-11-13 13:22:35", "在校/应届"}) {
    char buf[kFoldBufferSize];
    const auto got = FoldWidth(raw, buf);
    ASSERT_TRUE(got.has_value()) << raw;
    EXPECT_EQ(*got, raw);
  }
}

TEST(Fold, TooLongForBufferIsNullopt) {
  const std::string long_text(kFoldBufferSize + 1, 'x');
  char buf[kFoldBufferSize];
  EXPECT_FALSE(FoldWidth(long_text, buf).has_value());
}

TEST(Fold, MissingMarkers) {
  for (std::string_view s : {"", "-", "--", "/", "[]", "None", "none", "null",
                             "NULL", "nan", "NaN", "N/A", "n/a", "无数据"}) {
    EXPECT_TRUE(IsMissingMarker(s)) << s;
  }
  for (std::string_view s : {"0", "面议", "不限", "None of", "无", "本科"}) {
    EXPECT_FALSE(IsMissingMarker(s)) << s;
  }
}

TEST(Fold, ConsumeDecimal) {
  struct Case {
    std::string_view text;
    bool ok;
    double value;
    size_t end;
  };
  const Case kCases[] = {
      {"15-25K", true, 15, 2},
      {"1.5万", true, 1.5, 3},
      {"10000.00", true, 10000, 8},
      {"10,000-20,000元", true, 10000, 6},
      {"1,5", true, 1, 1},
      {".5", false, 0, 0},
      {"K", false, 0, 0},
      {"3.", true, 3, 1},
      {"1234567890123456", false, 0, 0},
  };
  for (const auto& c : kCases) {
    size_t pos = 0;
    double v = -1;
    EXPECT_EQ(ConsumeDecimal(c.text, &pos, &v), c.ok) << c.text;
    if (c.ok) {
      EXPECT_DOUBLE_EQ(v, c.value) << c.text;
      EXPECT_EQ(pos, c.end) << c.text;
    } else {
      EXPECT_EQ(pos, 0u) << c.text;
    }
  }
}

}  // namespace
}  // namespace jobsift
