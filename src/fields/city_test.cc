#include "fields/city.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>

namespace jobsift {
namespace {

CityTable LoadShippedTable() {
  StatusOr<CityTable> table =
      CityTable::Load(std::string(JOBSIFT_DATA_DIR) + "/cities.tsv");
  if (!table.ok()) {
    std::fprintf(stderr, "%s\n", table.status().message().c_str());
    std::abort();
  }
  return std::move(table).value();
}

const CityTable& Table() {
  static const CityTable table = LoadShippedTable();
  return table;
}

struct Resolved {
  const char* raw;
  const char* city;
  const char* province;
};

void ExpectResolves(const std::vector<Resolved>& cases) {
  for (const Resolved& c : cases) {
    const Parsed<CityInfo> got = Table().Resolve(c.raw);
    ASSERT_TRUE(got.ok()) << "'" << c.raw << "': " << UnknownName(got.reason)
                          << " [" << got.rule << "]";
    EXPECT_EQ(got.value.city, c.city) << c.raw;
    EXPECT_EQ(got.value.province, c.province) << c.raw;
  }
}

struct Unresolved {
  const char* raw;
  Unknown reason;
  const char* rule;
};

void ExpectUnknown(const std::vector<Unresolved>& cases) {
  for (const Unresolved& c : cases) {
    const Parsed<CityInfo> got = Table().Resolve(c.raw);
    EXPECT_EQ(got.reason, c.reason)
        << "'" << c.raw << "' -> " << got.value.city << " "
        << UnknownName(got.reason) << " [" << got.rule << "]";
    EXPECT_EQ(got.rule, c.rule) << c.raw;
  }
}

TEST(City, TableCoversEveryProvinceAndPrefecture) {
  const CityTable& t = Table();
  std::map<std::string, int> rows_per_level;
  std::map<std::string, int> rows_per_tier;
  std::set<std::string> provinces;
  for (const CityRow& row : t.rows()) {
    ++rows_per_level[std::string(row.level)];
    ++rows_per_tier[std::string(row.tier)];
    provinces.insert(std::string(row.province));
  }
  EXPECT_EQ(t.size(), t.rows().size());
  EXPECT_EQ(rows_per_level["直辖市"], 4);
  EXPECT_GE(rows_per_level["地级"], 330);
  EXPECT_EQ(rows_per_level["直辖市"] + rows_per_level["地级"], 337);
  EXPECT_EQ(rows_per_level["港澳台"], 3);
  EXPECT_GE(rows_per_level["县级"], 30);
  // The ranking rates every municipality and prefecture exactly once.
  EXPECT_EQ(rows_per_tier["一线"], 4);
  EXPECT_EQ(rows_per_tier["新一线"], 15);
  EXPECT_EQ(rows_per_tier["二线"], 30);
  EXPECT_EQ(rows_per_tier["三线"], 70);
  EXPECT_EQ(rows_per_tier["四线"], 90);
  EXPECT_EQ(rows_per_tier["五线"], 128);
  const std::set<std::string> all = {
      "北京",   "天津", "河北", "山西", "内蒙古", "辽宁", "吉林",
      "黑龙江", "上海", "江苏", "浙江", "安徽",   "福建", "江西",
      "山东",   "河南", "湖北", "湖南", "广东",   "广西", "海南",
      "重庆",   "四川", "贵州", "云南", "西藏",   "陕西", "甘肃",
      "青海",   "宁夏", "新疆", "香港", "澳门",   "台湾"};
  EXPECT_EQ(provinces, all);
}

// Every name written in the shipped table means its row, or is ambiguous if
// marked '?'.
TEST(City, EveryNameInTheTableResolvesToItsRow) {
  std::ifstream in(std::string(JOBSIFT_DATA_DIR) + "/cities.tsv");
  ASSERT_TRUE(in);
  std::string line;
  int checked = 0;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() == 5) cols.push_back("");
    ASSERT_EQ(cols.size(), 6u) << line;
    std::vector<std::string> names = {cols[0], cols[1]};
    std::stringstream aliases(cols[5]);
    for (std::string a; std::getline(aliases, a, '|');) names.push_back(a);
    for (const std::string& name : names) {
      const bool marked = name[0] == '?';
      const Parsed<CityInfo> got =
          Table().Resolve(marked ? name.substr(1) : name);
      if (marked) {
        EXPECT_EQ(got.reason, Unknown::kAmbiguous)
            << name << " -> " << got.value.city;
      } else {
        EXPECT_TRUE(got.ok()) << name << ": " << UnknownName(got.reason);
        EXPECT_EQ(got.value.city, cols[0]) << name;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 3000);
}

TEST(City, BareCityName) {
  ExpectResolves({
      {"北京", "北京", "北京"},
      {"北京市", "北京", "北京"},
      {"杭州", "杭州", "浙江"},
      {"苏州市", "苏州", "江苏"},
      {"延边", "延边", "吉林"},
      {"延边朝鲜族自治州", "延边", "吉林"},
      {"恩施州", "恩施", "湖北"},
      {"大兴安岭地区", "大兴安岭", "黑龙江"},
      {"锡林郭勒盟", "锡林郭勒", "内蒙古"},
      {"海南藏族自治州", "海南州", "青海"},
      {"乌鲁木齐", "乌鲁木齐", "新疆"},
  });
}

TEST(City, CityWithDistrict) {
  ExpectResolves({
      {"上海-浦东新区", "上海", "上海"},
      {"上海·浦东新区", "上海", "上海"},
      {"上海-奉贤区", "上海", "上海"},
      {"深圳·南山区", "深圳", "广东"},
      {"深圳-龙华新区", "深圳", "广东"},
      {"南京·栖霞区", "南京", "江苏"},
      {"北京 朝阳区", "北京", "北京"},
      {"北京·朝阳区·西坝河", "北京", "北京"},
      {"东莞·厚街镇·寮夏", "东莞", "广东"},
      {"苏州·苏州工业园区·独墅湖", "苏州", "江苏"},
      {"自贡··", "自贡", "四川"},
      {"恩施土家族苗族自治州·恩施市·黄泥坝", "恩施", "湖北"},
      {"无锡·滨湖区·长广溪/大学城", "无锡", "江苏"},
  });
}

TEST(City, ProvinceCityDistrictAddress) {
  ExpectResolves({
      {"广东省广州市番禺区", "广州", "广东"},
      {"广东省广州市花都区秀全街道办事处", "广州", "广东"},
      {"江苏省苏州市昆山市玉山镇", "苏州", "江苏"},
      {"湖北省潜江市", "潜江", "湖北"},
      {"新疆维吾尔自治区乌鲁木齐市天山区", "乌鲁木齐", "新疆"},
      {"四川成都", "成都", "四川"},
      {"中国·北京", "北京", "北京"},
      {"广东省番禺区", "广州", "广东"},
  });
}

TEST(City, DistrictMapsToPrefecture) {
  ExpectResolves({
      {"浦东新区", "上海", "上海"},
      {"浦东", "上海", "上海"},
      {"奉贤区", "上海", "上海"},
      {"昆山", "苏州", "江苏"},
      {"昆山市", "苏州", "江苏"},
      {"常熟", "苏州", "江苏"},
      {"张家港", "苏州", "江苏"},
      {"番禺区", "广州", "广东"},
      {"萧山区", "杭州", "浙江"},
      {"滨江区", "杭州", "浙江"},
      {"龙华新区", "深圳", "广东"},
      {"义乌", "金华", "浙江"},
      {"海宁", "嘉兴", "浙江"},
      {"雄安新区", "保定", "河北"},
      {"石柱土家族自治县", "重庆", "重庆"},
      {"石柱", "重庆", "重庆"},
      {"延吉", "延边", "吉林"},
  });
}

TEST(City, FormerNames) {
  ExpectResolves({
      {"襄樊", "襄阳", "湖北"},
      {"闸北区", "上海", "上海"},
      {"莱芜", "济南", "山东"},
      {"思茅", "普洱", "云南"},
      {"双流县", "成都", "四川"},
      {"铜仁地区", "铜仁", "贵州"},
  });
}

TEST(City, EnglishNames) {
  ExpectResolves({
      {"Beijing", "北京", "北京"},
      {"BEIJING", "北京", "北京"},
      {"ＢＥＩＪＩＮＧ", "北京", "北京"},
      {"Shanghai", "上海", "上海"},
      {"Shenzhen, China", "深圳", "广东"},
      {"Guangzhou", "广州", "广东"},
      {"hangzhou", "杭州", "浙江"},
      {"Xi'an", "西安", "陕西"},
      {"Hong Kong", "香港", "香港"},
  });
  ExpectUnknown({
      {"Beijingxx", Unknown::kUnparseable, "city.no_match"},
      {"Taizhou", Unknown::kAmbiguous, "city.ambiguous_name"},
  });
}

TEST(City, SharedDistrictAloneIsAmbiguous) {
  ExpectUnknown({
      {"鼓楼区", Unknown::kAmbiguous, "city.ambiguous_name"},
      {"鼓楼", Unknown::kAmbiguous, "city.ambiguous_name"},
      {"朝阳区", Unknown::kAmbiguous, "city.ambiguous_name"},
      {"西湖区", Unknown::kAmbiguous, "city.ambiguous_name"},
      {"南山区", Unknown::kAmbiguous, "city.ambiguous_name"},
      {"江苏省鼓楼区", Unknown::kAmbiguous, "city.ambiguous_name"},
  });
}

TEST(City, SharedDistrictResolvesByCityOrProvince) {
  ExpectResolves({
      {"南京·鼓楼区", "南京", "江苏"},
      {"福州·鼓楼区", "福州", "福建"},
      {"杭州·西湖区", "杭州", "浙江"},
      {"南昌-西湖区", "南昌", "江西"},
      {"长春·朝阳区", "长春", "吉林"},
      {"鼓楼区·南京", "南京", "江苏"},
      {"福建省鼓楼区", "福州", "福建"},
      {"浙江省西湖区", "杭州", "浙江"},
      {"鼓楼区(福建)", "福州", "福建"},
  });
  EXPECT_EQ(Table().Resolve("福建省鼓楼区").rule, "city.province_context");
}

TEST(City, CityNamePrecedesSameNamedDistrict) {
  // 朝阳 is a city in 辽宁 and a district stem in 北京 and 长春.
  ExpectResolves({
      {"朝阳", "朝阳", "辽宁"},
      {"朝阳市", "朝阳", "辽宁"},
      {"朝阳县", "朝阳", "辽宁"},
  });
}

TEST(City, JilinIsCityOrProvince) {
  ExpectResolves({
      {"吉林", "吉林", "吉林"},
      {"吉林市", "吉林", "吉林"},
      {"吉林·昌邑区", "吉林", "吉林"},
      {"吉林长春", "长春", "吉林"},
      {"吉林省长春市", "长春", "吉林"},
  });
  ExpectUnknown({{"吉林省", Unknown::kAmbiguous, "city.province_only"}});
}

TEST(City, NonCityMarkersAreAmbiguous) {
  ExpectUnknown({
      {"全国", Unknown::kAmbiguous, "city.non_city_marker"},
      {"异地招聘", Unknown::kAmbiguous, "city.non_city_marker"},
      {"不限", Unknown::kAmbiguous, "city.non_city_marker"},
      {"海外", Unknown::kAmbiguous, "city.non_city_marker"},
      {"在家办公··", Unknown::kAmbiguous, "city.non_city_marker"},
      {"北京/全国", Unknown::kAmbiguous, "city.non_city_marker"},
  });
}

TEST(City, MultiCityListIsAmbiguous) {
  ExpectUnknown({
      {"北京,上海", Unknown::kAmbiguous, "city.multi_city"},
      {"北京/上海/深圳", Unknown::kAmbiguous, "city.multi_city"},
      {"北京、上海", Unknown::kAmbiguous, "city.multi_city"},
      {"北京，上海", Unknown::kAmbiguous, "city.multi_city"},
      {"上海·浦东新区,北京", Unknown::kAmbiguous, "city.multi_city"},
      {"南京,鼓楼区,上海", Unknown::kAmbiguous, "city.multi_city"},
  });
  // Parts that agree are one city.
  ExpectResolves({
      {"上海,上海-浦东新区", "上海", "上海"},
      {"南京,鼓楼区", "南京", "江苏"},
      {"广东省/深圳市", "深圳", "广东"},
  });
}

TEST(City, ProvinceAloneIsAmbiguous) {
  ExpectUnknown({
      {"广东省", Unknown::kAmbiguous, "city.province_only"},
      {"广东", Unknown::kAmbiguous, "city.province_only"},
      {"福建", Unknown::kAmbiguous, "city.province_only"},
      {"内蒙古自治区", Unknown::kAmbiguous, "city.province_only"},
  });
}

TEST(City, EmptyIsMissing) {
  ExpectUnknown({
      {"", Unknown::kMissing, "city.missing"},
      {"   ", Unknown::kMissing, "city.missing"},
      {"\xE3\x80\x80", Unknown::kMissing, "city.missing"},  // U+3000
      {"-", Unknown::kMissing, "city.missing"},
      {"[]", Unknown::kMissing, "city.missing"},
      {"None", Unknown::kMissing, "city.missing"},
      {"null", Unknown::kMissing, "city.missing"},
      {",", Unknown::kMissing, "city.missing"},
      {"··", Unknown::kMissing, "city.missing"},
      {"-/-", Unknown::kMissing, "city.missing"},
  });
}

TEST(City, UnrecognisedIsUnparseable) {
  ExpectUnknown({
      {"火星", Unknown::kUnparseable, "city.no_match"},
      {"新加坡", Unknown::kUnparseable, "city.no_match"},
      {"高新区", Unknown::kUnparseable, "city.no_match"},
      {"12345", Unknown::kUnparseable, "city.no_match"},
      // Names are matched where a word starts, not inside unknown words.
      {"珠江新城", Unknown::kUnparseable, "city.no_match"},
      {"工作地点北京", Unknown::kUnparseable, "city.no_match"},
  });
}

TEST(City, TierOfEachLevel) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"北京", "一线"},   {"上海", "一线"},   {"广州", "一线"},
      {"深圳", "一线"},   {"成都", "新一线"}, {"昆明", "新一线"},
      {"合肥", "新一线"}, {"东莞", "新一线"}, {"佛山", "二线"},
      {"中山", "二线"},   {"烟台", "二线"},   {"洛阳", "三线"},
      {"兰州", "三线"},   {"衢州", "三线"},   {"枣庄", "四线"},
      {"吕梁", "四线"},   {"延边", "五线"},   {"三沙", "五线"},
      {"仙桃", "未评级"}, {"香港", "港澳台"},
  };
  for (const auto& [raw, tier] : cases) {
    const Parsed<CityInfo> got = Table().Resolve(raw);
    ASSERT_TRUE(got.ok()) << raw;
    EXPECT_EQ(got.value.tier, tier) << raw;
  }
}

TEST(City, CountyLevelUnitsAreOwnRows) {
  ExpectResolves({
      {"仙桃", "仙桃", "湖北"},
      {"天门市", "天门", "湖北"},
      {"济源", "济源", "河南"},
      {"神农架林区", "神农架", "湖北"},
      {"石河子", "石河子", "新疆"},
      {"海南省文昌市", "文昌", "海南"},
      {"琼中黎族苗族自治县", "琼中", "海南"},
  });
}

TEST(City, HongKongMacauTaiwan) {
  ExpectResolves({
      {"香港", "香港", "香港"},
      {"香港特别行政区", "香港", "香港"},
      {"香港·九龙", "香港", "香港"},
      {"澳门", "澳门", "澳门"},
      {"Macau", "澳门", "澳门"},
      {"台湾", "台湾", "台湾"},
      {"台北", "台湾", "台湾"},
  });
}

TEST(City, FoldsWidthAndSpaces) {
  ExpectResolves({
      {"\xE3\x80\x80北京\xE3\x80\x80", "北京", "北京"},  // U+3000 padding
      {"\xC2\xA0\xC2\xA0上海-奉贤区 \xC2\xA0", "上海", "上海"},  // NBSP
      {"上海－浦东新区", "上海", "上海"},
      {"深圳（南山区）", "深圳", "广东"},
  });
}

TEST(City, OnlyTheLeadingBytesAreRead) {
  std::string tail(400, 'x');
  ExpectResolves({{("北京·" + tail).c_str(), "北京", "北京"}});
  const std::string late = std::string(kMaxCityInputBytes, ' ') + "北京";
  EXPECT_EQ(Table().Resolve(late).reason, Unknown::kMissing);
  // A cut inside a multi-byte character is moved back to its start.
  const std::string cut = std::string(kMaxCityInputBytes - 1, ' ') + "北京";
  EXPECT_EQ(Table().Resolve(cut).reason, Unknown::kMissing);
}

TEST(City, RuleNamesTheMatch) {
  EXPECT_EQ(Table().Resolve("北京").rule, "city.name");
  EXPECT_EQ(Table().Resolve("北京市").rule, "city.name");
  EXPECT_EQ(Table().Resolve("浦东新区").rule, "city.alias");
  EXPECT_EQ(Table().Resolve("昆山").rule, "city.stem");
}

TEST(City, ViewsLiveAsLongAsTheTable) {
  std::optional<CityTable> copy;
  CityInfo info;
  {
    CityTable original = LoadShippedTable();
    copy.emplace(original);
    std::string raw = "广东省广州市番禺区";
    info = original.Resolve(raw).value;
    raw.assign(raw.size(), 'x');  // the result does not point into the input
  }
  EXPECT_EQ(info.city, "广州");
  EXPECT_EQ(info.province, "广东");
  EXPECT_EQ(info.tier, "一线");
  EXPECT_EQ(copy->Resolve("杭州").value.tier, "新一线");
}

TEST(City, LoadErrorsNamePathAndLine) {
  const std::string header =
      "# comment\ncity\tfull_name\tprovince\ttier\tlevel\taliases\n";
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"city\tfull\n", "t.tsv:1: expected the header line"},
      {header + "苏州\t苏州市\t江苏\t新一线\n",
       "t.tsv:3: expected 6 tab-separated columns, found 4"},
      {header + "苏州\t苏州市\t苏南\t新一线\t地级\t\n",
       "t.tsv:3: unknown province '苏南'"},
      {header + "苏州\t苏州市\t江苏\t超一线\t地级\t\n",
       "t.tsv:3: unknown tier '超一线'"},
      {header + "苏州\t苏州市\t江苏\t新一线\t城市\t\n",
       "t.tsv:3: unknown level '城市'"},
      {header + "苏州\t苏州市\t江苏\t新一线\t地级\t\n苏州\t苏州府\t江苏\t新一线"
                "\t地级\t\n",
       "t.tsv:4: name '苏州' is already used at line 3"},
      {header + "南京\t南京市\t江苏\t新一线\t地级\t鼓楼区\n"
                "福州\t福州市\t福建\t二线\t地级\t?鼓楼区\n",
       "t.tsv:3: alias '鼓楼区' is also in '福州' (line 4); mark it '?' in "
       "every row"},
      {header + "南京\t南京市\t江苏\t新一线\t地级\t?鼓楼区\n",
       "t.tsv:3: alias '?鼓楼区' is marked ambiguous but no other row has it"},
      {header + "南京\t南京市\t江苏\t新一线\t地级\t江苏\n",
       "t.tsv:3: name '江苏' is a province name or a non-city marker"},
      {header + "南京\t南京市\t江苏\t新一线\t地级\t全国\n",
       "t.tsv:3: name '全国' is a province name or a non-city marker"},
      {header + "南京\t南京市\t江苏\t新一线\t地级\t\n"
                "苏州\t苏州市\t江苏\t新一线\t地级\t南京市\n",
       "t.tsv:4: alias '南京市' is the name of another row"},
      {header + "苏州\t苏州市\t江苏\t新一线\t直辖市\t\n",
       "t.tsv:3: a 直辖市 row must have city == province"},
  };
  for (const Case& c : cases) {
    StatusOr<CityTable> t = CityTable::FromText(c.text, "t.tsv");
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(t.status().message().substr(0, c.message.size()), c.message)
        << t.status().message();
  }
  StatusOr<CityTable> missing = CityTable::Load("/nonexistent/cities.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/cities.tsv"),
            std::string::npos);
}

TEST(City, SmallTableDerivesStemsAndAmbiguity) {
  const std::string text =
      "city\tfull_name\tprovince\ttier\tlevel\taliases\n"
      "南京\t南京市\t江苏\t新一线\t地级\t?鼓楼区|江宁区\n"
      "徐州\t徐州市\t江苏\t二线\t地级\t?鼓楼区|丰县\n"
      "福州\t福州市\t福建\t二线\t地级\t?鼓楼区|Fuzhou\n";
  StatusOr<CityTable> t = CityTable::FromText(text, "small.tsv");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->size(), 3u);
  EXPECT_EQ(t->Resolve("江宁").value.city, "南京");
  EXPECT_EQ(t->Resolve("fuzhou").value.city, "福州");
  EXPECT_EQ(t->Resolve("鼓楼").reason, Unknown::kAmbiguous);
  EXPECT_EQ(t->Resolve("福建鼓楼区").value.city, "福州");
  EXPECT_EQ(t->Resolve("江苏鼓楼区").reason, Unknown::kAmbiguous);
  // 丰 alone is too short to be a stem.
  EXPECT_EQ(t->Resolve("丰").reason, Unknown::kUnparseable);
}

// The words that name no city are data: the shipped list makes 全国 and
// 远程 ambiguous, a table's own city_words.tsv beside its cities.tsv adds
// a site's words, and mistakes name their line.
TEST(CityWords, ShippedAndOwnWordsNameNoCity) {
  EXPECT_EQ(Table().Resolve("全国").reason, Unknown::kAmbiguous);
  EXPECT_EQ(Table().Resolve("中国·北京").value.city, "北京") << "中国 is skipped";
  EXPECT_NE(Table().Resolve("随机分配").reason, Unknown::kAmbiguous);

  std::string dir = ::testing::TempDir() + "/city_words_test";
  std::filesystem::create_directories(dir);
  {
    std::ifstream in(std::string(JOBSIFT_DATA_DIR) + "/cities.tsv", std::ios::binary);
    std::ofstream out(dir + "/cities.tsv", std::ios::binary);
    out << in.rdbuf();
  }
  std::ofstream(dir + "/city_words.tsv") << "# a site's own\nnot_city\t随机分配\nnot_city\tAnywhere\nskip\t中国\n";
  auto own = CityTable::Load(dir + "/cities.tsv");
  ASSERT_TRUE(own.ok()) << own.status().message();
  EXPECT_EQ(own->Resolve("随机分配").reason, Unknown::kAmbiguous);
  EXPECT_EQ(own->Resolve("anywhere").reason, Unknown::kAmbiguous) << "ASCII in any case";
  EXPECT_NE(own->Resolve("全国").reason, Unknown::kAmbiguous) << "the own list replaces the shipped one";

  const std::pair<const char*, const char*> kBad[] = {
      {"not_city\n", ":1: a line is a list and a word"},
      {"nowhere\t全国\n", ":1: no list is called 'nowhere'"},
      {"# c\nskip\t \n", ":2: nothing after the TAB"},
  };
  for (const auto& [text, want] : kBad) {
    std::ofstream(dir + "/city_words.tsv") << text;
    auto bad = CityTable::Load(dir + "/cities.tsv");
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_NE(bad.status().message().find("city_words.tsv" + std::string(want)), std::string::npos)
        << bad.status().message();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace jobsift
