#include "fields/degree.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace jobsift {
namespace {

using L = DegreeLevel;

const DegreeTable& Shipped() {
  static const DegreeTable* table = [] {
    StatusOr<DegreeTable> loaded =
        DegreeTable::Load(std::string(JOBSIFT_DATA_DIR) + "/degrees.tsv");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return new DegreeTable(std::move(loaded).value());
  }();
  return *table;
}

struct Case {
  std::string_view raw;
  DegreeLevel level;
  std::string_view rule;
};

void ExpectLevels(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    const Parsed<DegreeLevel> got = Shipped().Parse(c.raw);
    ASSERT_TRUE(got.ok()) << c.raw << " -> " << UnknownName(got.reason);
    EXPECT_EQ(DegreeLevelName(got.value), DegreeLevelName(c.level)) << c.raw;
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

// Every degree string seen in the five real datasets.
TEST(Degree, RealVariantsResolveByExactMatch) {
  ExpectLevels({
      {"本科", L::kBachelor, "degree.table"},
      {"统招本科", L::kBachelor, "degree.table"},
      {"本科及以上", L::kBachelor, "degree.table"},
      {"大学本科", L::kBachelor, "degree.table"},
      {"大专", L::kCollegeOrBelow, "degree.table"},
      {"大学专科", L::kCollegeOrBelow, "degree.table"},
      {"大专及以上", L::kCollegeOrBelow, "degree.table"},
      {"中专/中技", L::kCollegeOrBelow, "degree.table"},
      {"中技/中专", L::kCollegeOrBelow, "degree.table"},
      {"中技", L::kCollegeOrBelow, "degree.table"},
      {"中专", L::kCollegeOrBelow, "degree.table"},
      {"中等专科", L::kCollegeOrBelow, "degree.table"},
      {"中专/中技及以上", L::kCollegeOrBelow, "degree.table"},
      {"高中", L::kCollegeOrBelow, "degree.table"},
      {"初中及以下", L::kCollegeOrBelow, "degree.table"},
      {"硕士", L::kMaster, "degree.table"},
      {"硕士研究生", L::kMaster, "degree.table"},
      {"硕士及以上", L::kMaster, "degree.table"},
      {"MBA/EMBA", L::kMaster, "degree.table"},
      {"博士", L::kDoctor, "degree.table"},
      {"博士研究生", L::kDoctor, "degree.table"},
      {"学历不限", L::kAny, "degree.table"},
      {"不限", L::kAny, "degree.table"},
      {"不限制", L::kAny, "degree.table"},
      {"其他", L::kAny, "degree.table"},
  });
}

// Issue 16: high-school-level schools by name were unparseable though 高中
// was known; English labels of foreign firms' postings.
TEST(Degree, HighSchoolLevelSchoolsAndEnglishLabels) {
  ExpectLevels({
      {"普通高中", L::kCollegeOrBelow, "degree.table"},
      {"职业高中", L::kCollegeOrBelow, "degree.table"},
      {"技工学校", L::kCollegeOrBelow, "degree.table"},
      {"技校", L::kCollegeOrBelow, "degree.table"},
      {"中职", L::kCollegeOrBelow, "degree.table"},
      {"中等职业学校", L::kCollegeOrBelow, "degree.table"},
      {"普通高中及以上", L::kCollegeOrBelow, "degree.table_stripped"},
      {"Bachelor", L::kBachelor, "degree.table"},
      {"Master's degree", L::kMaster, "degree.table"},
      {"PhD", L::kDoctor, "degree.table"},
  });
}

TEST(Degree, FullWidthVariantsFold) {
  ExpectLevels({
      {"ＭＢＡ／ＥＭＢＡ", L::kMaster, "degree.table"},
      {"中专／中技", L::kCollegeOrBelow, "degree.table"},
  });
}

TEST(Degree, UnknownVariantsRetryWithAffixesStripped) {
  ExpectLevels({
      {"博士及以上学历", L::kDoctor, "degree.table_stripped"},
      {"统招硕士", L::kMaster, "degree.table_stripped"},
      {"全日制大专", L::kCollegeOrBelow, "degree.table_stripped"},
      {"本科以上", L::kBachelor, "degree.table_stripped"},
      {"统招本科及以上学历", L::kBachelor, "degree.table_stripped"},
      {"大专学历", L::kCollegeOrBelow, "degree.table_stripped"},
      {"高中或以上", L::kCollegeOrBelow, "degree.table_stripped"},
      {"本科/硕士", L::kBachelor, "degree.table_stripped"},
      {"大专或本科", L::kCollegeOrBelow, "degree.table_stripped"},
  });
}

// Column shift in 51job 2019: languages (and head counts) in the degree slot.
TEST(Degree, OtherFieldsAreNotThisField) {
  for (std::string_view raw :
       {"英语熟练", "普通话良好", "英语一般&普通话精通", "普通话&英语", "日语",
        "德语熟练&英语熟练", "2人", "若干人", "3-5年", "经验不限"}) {
    const Parsed<DegreeLevel> got = Shipped().Parse(raw);
    EXPECT_EQ(got.reason, Unknown::kNotThisField) << raw;
    EXPECT_EQ(got.rule, "degree.not_this_field") << raw;
  }
}

TEST(Degree, MissingAndUnparseable) {
  for (std::string_view raw : {"", "[]", "-", "nan", "None"}) {
    const Parsed<DegreeLevel> got = Shipped().Parse(raw);
    EXPECT_EQ(got.reason, Unknown::kMissing) << raw;
    EXPECT_EQ(got.rule, "degree.missing") << raw;
  }
  for (std::string_view raw : {"学士后", "Bachelr", "以上", "统招"}) {
    const Parsed<DegreeLevel> got = Shipped().Parse(raw);
    EXPECT_EQ(got.reason, Unknown::kUnparseable) << raw;
    EXPECT_EQ(got.rule, "degree.unparseable") << raw;
  }
}

TEST(Degree, LevelNamesAreTheSpecLabels) {
  EXPECT_EQ(DegreeLevelName(L::kDoctor), "博士");
  EXPECT_EQ(DegreeLevelName(L::kMaster), "硕士");
  EXPECT_EQ(DegreeLevelName(L::kBachelor), "本科");
  EXPECT_EQ(DegreeLevelName(L::kCollegeOrBelow), "大专及以下");
  EXPECT_EQ(DegreeLevelName(L::kAny), "不限");
}

class DegreeTableLoad : public ::testing::Test {
 protected:
  std::string Write(std::string_view text) {
    const std::string path =
        ::testing::TempDir() + "degrees_" +
        ::testing::UnitTest::GetInstance()->current_test_info()->name() +
        ".tsv";
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

TEST_F(DegreeTableLoad, ReadsCommentsBlankLinesAndCrLf) {
  const std::string path =
      Write("\xEF\xBB\xBF# header\n\n本科\t本科\r\n大专\t大专及以下\n");
  StatusOr<DegreeTable> table = DegreeTable::Load(path);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->size(), 2u);
  EXPECT_EQ(table->Parse("大专").value, L::kCollegeOrBelow);
}

TEST_F(DegreeTableLoad, ErrorsNameFileAndLine) {
  struct Bad {
    std::string_view text;
    std::string_view message_suffix;
  };
  const Bad kCases[] = {
      {"# c\n本科 本科\n", ":2: expected 'variant<TAB>level'"},
      {"本科\t学士\n", ":1: unknown level '学士'"},
      {"本科\t本科\n大专\t大专及以下\n本科\t本科\n",
       ":3: duplicate variant '本科'"},
      {"\t本科\n", ":1: empty variant"},
  };
  for (const auto& c : kCases) {
    const std::string path = Write(c.text);
    StatusOr<DegreeTable> table = DegreeTable::Load(path);
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(
        table.status().message().find(path + std::string(c.message_suffix)),
        std::string::npos)
        << table.status().message();
  }
}

TEST_F(DegreeTableLoad, MissingFileIsNotFound) {
  StatusOr<DegreeTable> table = DegreeTable::Load("/nonexistent/degrees.tsv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kNotFound);
  EXPECT_NE(table.status().message().find("/nonexistent/degrees.tsv"),
            std::string::npos);
}

}  // namespace
}  // namespace jobsift
