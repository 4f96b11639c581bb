#include "fields/industry.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jobsift {
namespace {

// The shipped tables, loaded once; a load error aborts with its message
// (every test below depends on them).
const IndustryTable& Shipped() {
  static const IndustryTable* table = [] {
    const std::string dir = JOBSIFT_DATA_DIR;
    auto loaded = IndustryTable::Load(dir + "/industries.tsv",
                                      dir + "/industry_aliases.tsv");
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().message().c_str());
      std::abort();
    }
    return new IndustryTable(std::move(loaded).value());
  }();
  return *table;
}

struct Case {
  std::string_view raw;
  std::string_view industry;
};

void ExpectIndustries(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    Parsed<std::string_view> got = Shipped().Resolve(c.raw);
    EXPECT_TRUE(got.ok()) << "'" << c.raw << "': " << UnknownName(got.reason)
                          << " [" << got.rule << "]";
    EXPECT_EQ(got.value, c.industry)
        << "'" << c.raw << "' [" << got.rule << "]";
  }
}

void ExpectUnknown(const std::vector<std::string_view>& raws, Unknown why) {
  for (std::string_view raw : raws) {
    Parsed<std::string_view> got = Shipped().Resolve(raw);
    EXPECT_EQ(got.reason, why)
        << "'" << raw << "' -> " << UnknownName(got.reason) << " '" << got.value
        << "' [" << got.rule << "]";
    EXPECT_TRUE(got.value.empty()) << raw;
  }
}

TEST(Industry, CanonicalListHas57DistinctNamesIncludingTheReports22) {
  const std::vector<std::string>& names = Shipped().Canonical();
  EXPECT_EQ(names.size(), 57u);
  std::set<std::string> distinct(names.begin(), names.end());
  EXPECT_EQ(distinct.size(), names.size());
  for (std::string_view report_name :
       {"计算机互联网", "电子",         "人力资源",  "制造业", "咨询服务",
        "医药生物",     "机械设备",     "房地产",    "通信",   "广告",
        "新能源",       "服务业",       "非银金融",  "教育",   "餐饮",
        "贸易/进出口",  "游戏",         "零售/批发", "汽车",   "快速消费品",
        "半导体",       "培训/辅导服务"}) {
    EXPECT_EQ(distinct.count(std::string(report_name)), 1u) << report_name;
  }
}

TEST(Industry, CanonicalNamesResolveToThemselves) {
  for (const std::string& name : Shipped().Canonical()) {
    Parsed<std::string_view> got = Shipped().Resolve(name);
    ASSERT_TRUE(got.ok()) << name;
    EXPECT_EQ(got.value, name);
    EXPECT_EQ(got.rule, "industry.label");
    // The value is a view into the table, not into the argument.
    EXPECT_EQ(got.value.data(), name.data());
  }
}

TEST(Industry, Site51jobLabels) {
  ExpectIndustries({
      {"计算机软件", "计算机互联网"},
      {"互联网/电子商务", "计算机互联网"},
      {"计算机服务(系统、数据服务、维修)", "计算机互联网"},
      {"电子技术/半导体/集成电路", "电子"},
      {"通信/电信运营、增值服务", "通信"},
      {"专业服务(咨询、人力资源、财会)", "咨询服务"},
      {"金融/投资/证券", "非银金融"},
      {"快速消费品(食品、饮料、化妆品)", "快速消费品"},
      {"教育/培训/院校", "教育"},
      {"多元化业务集团公司", "综合"},
      {"网络游戏", "游戏"},
      {"电气/电力/水利", "电气设备"},
      {"检测，认证", "检验检测"},
      {"汽车及零配件", "汽车"},
      {"物业管理/商业中心", "物业管理"},
      {"外包服务", "人力资源"},
  });
}

TEST(Industry, SiteBossLabels) {
  ExpectIndustries({
      {"人工智能", "计算机互联网"},
      {"企业服务", "计算机互联网"},
      {"电子商务", "计算机互联网"},
      {"半导体/芯片", "半导体"},
      {"电子/半导体/集成电路", "电子"},
      {"培训/辅导机构", "培训/辅导服务"},
      {"新能源汽车", "新能源"},
      {"储能", "新能源"},
      {"美发", "美容/个护"},
      {"其他行业", "其他"},
      {"装卸搬运和仓储业", "交通运输/物流"},
  });
}

TEST(Industry, SiteZhilianAndLagouLabels) {
  ExpectIndustries({
      {"IT服务(系统/数据/维护)", "计算机互联网"},
      {"房地产/建筑/建材/工程", "房地产"},
      {"基金/证券/期货/投资", "非银金融"},
      {"移动互联网", "计算机互联网"},
      {"招聘", "人力资源"},
  });
}

TEST(Industry, LiepinSlashlessLabelsMatchTheirSlashedForms) {
  ExpectIndustries({
      {"互联网移动互联网电子商务", "计算机互联网"},
      {"互联网/移动互联网/电子商务", "计算机互联网"},
      {"电子技术半导体集成电路", "电子"},
      {"通信(设备运营增值)", "通信"},
      {"专业服务(咨询财会法律翻译等)", "咨询服务"},
      {"教育培训", "教育"},
      {"信托担保拍卖", "非银金融"},
      {"互联网+", "计算机互联网"},
  });
}

TEST(Industry, NationalClassificationNames) {
  ExpectIndustries({
      {"软件和信息技术服务业", "计算机互联网"},
      {"互联网和相关服务", "计算机互联网"},
      {"计算机、通信和其他电子设备制造业", "电子"},
      {"研究和试验发展", "科研/技术服务"},
      {"商务服务业", "咨询服务"},
      {"批发业", "零售/批发"},
      {"货币金融服务", "银行"},
      {"资本市场服务", "非银金融"},
      {"信息传输、软件和信息技术服务业", "计算机互联网"},
  });
}

TEST(Industry, WidthCasePaddingAndParenthesesAreFolded) {
  ExpectIndustries({
      {"\u00a0\u00a0电气/电力/水利", "电气设备"},  // 51job 2018 NBSP
      {"  计算机软件 \u00a0", "计算机互联网"},
      {"专业服务（咨询、人力资源、财会）", "咨询服务"},  // full-width ()
      {"ＩＴ服务", "计算机互联网"},
      {"it服务", "计算机互联网"},
      {"o2o", "计算机互联网"},
      {"互联网／电子商务", "计算机互联网"},
  });
}

TEST(Industry, MultiLabelTakesFirstKnown) {
  ExpectIndustries({
      {"计算机软件,互联网", "计算机互联网"},
      {"互联网/电子商务,计算机软件", "计算机互联网"},
      {"教育/培训/院校 计算机软件", "教育"},
      {"房地产 中介服务", "房地产"},
      {"专业服务(咨询、人力资源、财会),互联网/电子商务", "咨询服务"},
      {"银行，基金证券期货投资，信托担保拍卖典当", "银行"},
      {"通信(设备运营增值)，互联网移动互联网电子商务，计算机软件", "通信"},
      {"火星采矿,计算机软件", "计算机互联网"},  // unknown pieces are skipped
      {"计算机软件、互联网", "计算机互联网"},
      {"游戏丨电子", "游戏"},  // 拉勾's 丨
  });
  EXPECT_EQ(Shipped().Resolve("计算机软件,互联网").rule,
            "industry.first_label");
}

TEST(Industry, LabelsContainingSeparatorsStayWhole) {
  ExpectIndustries({
      // 、 inside parentheses: 计算机服务(系统 is not a label.
      {"计算机服务(系统、数据服务、维修) 计算机软件", "计算机互联网"},
      // 51job's label with a full-width comma, then another label.
      {"检测，认证,计算机软件", "检验检测"},
      {"通信/电信运营、增值服务,互联网/电子商务", "通信"},
  });
}

TEST(Industry, SlashIsNotASeparator) {
  // Splitting on '/' would read 能源 (-> 电力/公用事业) first.
  ExpectIndustries({{"能源/矿产/采掘/冶炼", "矿产/采掘"}});
  EXPECT_EQ(Shipped().Resolve("能源").value, "电力/公用事业");
}

TEST(Industry, ConcatenatedLabelsTakeFirst) {
  ExpectIndustries({
      {"银行保险", "银行"},
      {"保险银行", "保险"},
      {"游戏产业互联网", "游戏"},
      {"人工智能/大数据/医疗服务", "计算机互联网"},
  });
  EXPECT_EQ(Shipped().Resolve("银行保险").rule, "industry.label_run");
}

TEST(Industry, CompanyInfoCellYieldsItsIndustry) {
  // 51job 2019 公司信息: type| size| industries (size may be absent).
  ExpectIndustries({
      {"民营公司| 500-1000人| 教育/培训/院校 计算机软件", "教育"},
      {"国企| 10000人以上| 房地产", "房地产"},
      {"民营公司| 计算机软件", "计算机互联网"},
      {"外资（欧美）| 少于50人| 互联网/电子商务", "计算机互联网"},
  });
}

TEST(Industry, FundingStagesAreNotThisField) {
  ExpectUnknown(
      {"轮", "A轮", "B+轮", "Pre-A轮", "D轮及以上", "天使轮", "未融资",
       "不需要融资", "上市", "已上市", "战略投资", "成长型(不需要融资)"},
      Unknown::kNotThisField);
}

TEST(Industry, CompanyTypesAndSizesAreNotThisField) {
  ExpectUnknown(
      {"民营公司", "国企", "外资（非欧美）", "上市公司", "事业单位",
       "500-1000人", "少于50人", "10000人以上", "0-20人", "民营公司| 50-150人"},
      Unknown::kNotThisField);
  EXPECT_EQ(Shipped().Resolve("民营公司| 50-150人").rule,
            "industry.not_industry");
}

TEST(Industry, EmptyAndMarkersAreMissing) {
  ExpectUnknown({"", "   ", "\u00a0\u00a0", "-", "[]", "nan", "None", "null",
                 "N/A", "/", ",", "| |"},
                Unknown::kMissing);
}

TEST(Industry, UnknownLabelsAreUnparseable) {
  ExpectUnknown({"全部行业", "行业", "美团点评", "xyz",
                 // partly covered by labels: no guessing from 电子 / 互联网
                 "电子烟", "互联网大健康", "民营公司| 火星采矿"},
                Unknown::kUnparseable);
  EXPECT_EQ(Shipped().Resolve("全部行业").rule, "industry.unparseable");
}

TEST(Industry, OverlongValueIsUnparseable) {
  std::string raw;
  while (raw.size() <= kMaxIndustryBytes) raw += "计算机软件,";
  Parsed<std::string_view> got = Shipped().Resolve(raw);
  EXPECT_EQ(got.reason, Unknown::kUnparseable);
  EXPECT_EQ(got.rule, "industry.too_long");
}

class IndustryLoadTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = ::testing::TempDir() + "/industry_test_" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

TEST_F(IndustryLoadTest, MissingFileIsNotFound) {
  auto t = IndustryTable::Load("/nonexistent/industries.tsv",
                               "/nonexistent/aliases.tsv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_NE(t.status().message().find("/nonexistent/industries.tsv"),
            std::string::npos);
}

TEST_F(IndustryLoadTest, ErrorsNamePathAndLine) {
  const std::string industries = Write(
      "ind.tsv", "# comment\n计算机互联网\tb\ts\n银行\tb\ts\n其他\tb\ts\n");
  struct BadCase {
    std::string industries_text;  // empty: use `industries`
    std::string aliases_text;
    std::string expected;  // substring of the message
  };
  const std::vector<BadCase> cases = {
      {"", "软件\t计算机软件\n",
       "aliases.tsv:1: unknown industry '计算机软件'"},
      {"", "# c\n软件\t计算机互联网\n软件\t计算机互联网\n",
       "aliases.tsv:3: duplicate alias '软件' (first on line 2)"},
      {"", "互联网/金融\t计算机互联网\n互联网金融\t银行\n",
       "aliases.tsv:2: label '互联网金融' folds to the same key as the label "
       "at "},
      {"", "银行\t其他\n", "aliases.tsv:1: label '银行' folds to the same key"},
      {"", "软件\n", "aliases.tsv:1: expected 2 or 3 TAB-separated columns"},
      {"", "N/A\t其他\n", "aliases.tsv:1: label 'N/A' folds to a missing"},
      {"a\tb\ts\na\tb\ts\n", "", "bad_ind.tsv:2: duplicate industry 'a'"},
      {"a\tb\n", "", "bad_ind.tsv:1: expected 3 TAB-separated columns"},
      {"-\tb\ts\n", "", "bad_ind.tsv:1: '-' is reserved"},
  };
  for (const BadCase& c : cases) {
    const std::string ind = c.industries_text.empty()
                                ? industries
                                : Write("bad_ind.tsv", c.industries_text);
    auto t = IndustryTable::Load(ind, Write("aliases.tsv", c.aliases_text));
    ASSERT_FALSE(t.ok()) << c.expected;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(t.status().message().find(c.expected), std::string::npos)
        << "got: " << t.status().message() << "\nwant: " << c.expected;
  }
}

TEST_F(IndustryLoadTest, SmallTableLoadsAndResolves) {
  auto t = IndustryTable::Load(
      Write("ok_ind.tsv",
            "\xEF\xBB\xBF# BOM + comment\r\nA\tb\ts\r\nB\tb\ts\r\n"),
      Write("ok_alias.tsv", "x/y\tA\tsite\r\n\r\nz\tB\nq\t-\n"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->Canonical(), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(t->Resolve("xy").value, "A");
  EXPECT_EQ(t->Resolve("Z").value, "B");
  EXPECT_EQ(t->Resolve("q").reason, Unknown::kNotThisField);
  EXPECT_EQ(t->Resolve("q,x/y").value, "A");
}

}  // namespace
}  // namespace jobsift
