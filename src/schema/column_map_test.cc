#include "schema/column_map.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "schema/posting.h"

namespace jobsift {
namespace {

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t c = s.find(',', start);
    out.push_back(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) break;
    start = c + 1;
  }
  return out;
}

std::string HeaderOf(const ColumnMap& m, const std::vector<std::string>& header, Field f) {
  return m[f].mapped() ? header[m[f].column] : "";
}

TEST(ColumnMap, LiepinHeadersPreferWorkCityOverDistrict) {
  auto h = Split("发布日期,岗位名称,薪酬low,薪酬high,几薪,工作城市,城市2,城市3,地区,学历,工作年限,公司名称,公司行业,其他方面,链接");
  auto m = MapColumns(h, {{"2019年12月15日", "招聘数据统计", "6", "8", "12"}}, {}, "liepin.csv");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(HeaderOf(*m, h, Field::kCity), "工作城市");
  EXPECT_EQ(HeaderOf(*m, h, Field::kPosition), "岗位名称");
  EXPECT_EQ(HeaderOf(*m, h, Field::kSalaryMin), "薪酬low");
  EXPECT_EQ(HeaderOf(*m, h, Field::kSalaryMax), "薪酬high");
  EXPECT_EQ(HeaderOf(*m, h, Field::kSalaryMonths), "几薪");
  EXPECT_EQ(HeaderOf(*m, h, Field::kBenefits), "其他方面");
  // Values like 6 / 8 are thousands of yuan a month.
  EXPECT_EQ(m->salary_numeric_scale, 1000);
}

TEST(ColumnMap, JobHuntingHeadersPreferFirstPublishTimeAndFullCompany) {
  auto h = Split("职位自编号,发布平台,职位访问地址,职位,公司,公司是否为全称,地区,地址,经度,纬度,职位描述,学历,所需经验,"
                 "最低薪资,最高薪资,几薪,首次发布时间,招聘人,招聘公司,招聘者职位,首次扫描日期,记录更新日期");
  std::vector<std::vector<std::string>> sample(3, std::vector<std::string>(h.size()));
  for (auto& r : sample) r[14] = "18000";
  auto m = MapColumns(h, sample, {}, "job.xlsx");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(HeaderOf(*m, h, Field::kId), "职位自编号");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDate), "首次发布时间");
  EXPECT_EQ(HeaderOf(*m, h, Field::kCompanyName), "公司");
  EXPECT_EQ(HeaderOf(*m, h, Field::kCity), "地区");
  EXPECT_EQ(HeaderOf(*m, h, Field::kExperience), "所需经验");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDescription), "职位描述");
  EXPECT_EQ(m->salary_numeric_scale, 1);
}

TEST(ColumnMap, FiftyOneJobCompanyInfoFeedsSizeAndIndustry) {
  auto h = Split("职位,薪资,公司,公司信息,公司地址,地区,工作经验,学历,人数,时间,岗位信息");
  auto m = MapColumns(h, {}, {}, "51job.csv");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(HeaderOf(*m, h, Field::kCity), "地区");  // not 公司地址
  EXPECT_EQ((*m)[Field::kCompanySize].part, CellPart::kSizePart);
  EXPECT_EQ((*m)[Field::kCompanyIndus].part, CellPart::kIndustryPart);
  EXPECT_EQ(HeaderOf(*m, h, Field::kCompanySize), "公司信息");
  EXPECT_FALSE((*m)[Field::kId].mapped());  // 人数 is head count to hire, not a size
  EXPECT_EQ(CellPartOf("民营公司| 500-1000人| 教育/培训/院校 计算机软件", CellPart::kSizePart), "500-1000人");
  EXPECT_EQ(CellPartOf("民营公司| 500-1000人| 教育/培训/院校 计算机软件", CellPart::kIndustryPart),
            "教育/培训/院校 计算机软件");
  EXPECT_EQ(CellPartOf("民营公司| 计算机软件", CellPart::kSizePart), "");
  EXPECT_EQ(CellPartOf("民营公司| 计算机软件", CellPart::kIndustryPart), "计算机软件");
  EXPECT_EQ(CellPartOf("民营公司", CellPart::kIndustryPart), "");
}

TEST(ColumnMap, EnglishHeaders) {
  auto h = Split("job_id,positionName,salary,city,education,workYear,companyFullName,companySize,industryField,"
                 "job_description,publish_date");
  auto m = MapColumns(h, {}, {}, "lagou.csv");
  ASSERT_TRUE(m.ok());
  for (Field f : {Field::kId, Field::kPosition, Field::kSalary, Field::kCity, Field::kDegree, Field::kExperience,
                  Field::kCompanyName, Field::kCompanySize, Field::kCompanyIndus, Field::kDescription, Field::kDate})
    EXPECT_TRUE((*m)[f].mapped()) << FieldName(f);
}

TEST(ColumnMap, FileWithoutHeaderIsRecognisedByContent) {
  // The shape of 51job-2018's sheet: no header row, 11 columns.
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 20; ++i) {
    rows.push_back({"https://jobs.51job.com/all/9623293" + std::to_string(i) + ".html", "财务实习生",
                    "上海某某电气有限公司", "五险一金 餐饮补贴 员工旅游", i % 3 ? "4-8千/月" : "1-1.5万/月",
                    "岗位职责 1、维护经销商，报价，跟进订单，协助完成发票开具工作；2、协助完成费用报销，整理及装订会计凭证。"
                    "任职要求：大专及以上学历，熟练使用办公软件。",
                    "上海-奉贤区", "民营公司", "50-150人", "电气/电力/水利", "04-20"});
  }
  std::vector<std::string> first = rows[0];
  rows.erase(rows.begin());
  auto m = MapColumns(first, rows, {}, "qianchengwuyou.xlsx");
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->has_header);
  EXPECT_EQ(m->detected_by, "content");
  EXPECT_EQ((*m)[Field::kPosition].column, 1);
  EXPECT_EQ((*m)[Field::kCompanyName].column, 2);
  EXPECT_EQ((*m)[Field::kBenefits].column, 3);
  EXPECT_EQ((*m)[Field::kSalary].column, 4);
  EXPECT_EQ((*m)[Field::kDescription].column, 5);
  EXPECT_EQ((*m)[Field::kCity].column, 6);
  EXPECT_EQ((*m)[Field::kCompanySize].column, 8);
  EXPECT_EQ((*m)[Field::kCompanyIndus].column, 9);
  EXPECT_EQ((*m)[Field::kDate].column, 10);
}

TEST(ColumnMap, UnrecognisableFileIsAnErrorNamingFileAndHeaders) {
  // A table of companies: named for what it is, by the columns that say so
  // (its other headers would not help: the advice is to join it).
  auto h = Split("公司,公司描述,成立时间,经营状态,法人");
  auto m = MapColumns(h, {{"某公司", "简介", "2001", "存续", "张三"}}, {}, "company.xlsx");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("company.xlsx"), std::string::npos);
  EXPECT_NE(m.status().message().find("a table of companies, not of postings (company_name '公司'"), std::string::npos)
      << m.status().message();
  EXPECT_EQ(m.status().message().find("headers seen"), std::string::npos) << m.status().message();
  // Anything else names every header, to map them with --config.
  auto other = MapColumns(Split("甲,乙,丙"), {{"1", "2", "3"}}, {}, "other.csv");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("headers seen: ['甲', '乙', '丙']"), std::string::npos)
      << other.status().message();
}

// The columns a field may be in, offered when it has none, leave out those
// of ids, flags and links: they could hold no field.
TEST(ColumnMap, SpareColumnsLeaveOutNumbersAndLinks) {
  auto h = Split("职位名称,职位描述,链接,编号,是否全称,备注");
  std::vector<std::vector<std::string>> sample;
  for (int i = 0; i < 6; ++i)
    sample.push_back({"工程师", "负责开发", "https://jobs.example.com/" + std::to_string(i), std::to_string(1000 + i),
                      "1", "急招"});
  auto m = MapColumns(h, sample, {}, "p.csv");
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->spare.size(), 1u);
  EXPECT_EQ(m->spare[0].name, "备注");
  EXPECT_EQ(m->spare[0].sample, "急招");
}

TEST(ColumnMap, ConfigOverridesByNameNumberAndRemoval) {
  auto h = Split("标题,待遇,城市,福利");
  ColumnOverrides o;
  o.by_field[Field::kPosition] = "标题";
  o.by_field[Field::kSalary] = "#2";
  o.by_field[Field::kBenefits] = "";
  auto m = MapColumns(h, {}, o, "x.csv");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)[Field::kPosition].column, 0);
  EXPECT_EQ((*m)[Field::kSalary].column, 1);
  EXPECT_FALSE((*m)[Field::kBenefits].mapped());
  o.by_field[Field::kDescription] = "描述";
  auto bad = MapColumns(h, {}, o, "x.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("描述"), std::string::npos);
}

// A judge that knows a few cities and reads long text naming duties as a
// description, as the field normalisers do (fields/normalize.h).
class FakeJudge : public CellJudge {
 public:
  bool Reads(Field f, std::string_view cell) const override {
    if (f == Field::kCity) return cell == "杭州" || cell == "北京" || cell == "上海";
    if (f == Field::kDescription) return cell.size() >= 60 && cell.find("职责") != std::string_view::npos;
    if (f == Field::kDate) return cell.size() == 10 && cell[4] == '-';
    return false;
  }
};

std::vector<std::vector<std::string>> Rows(size_t n, std::vector<std::string> row) {
  return std::vector<std::vector<std::string>>(n, row);
}

const std::string kDuties = "岗位职责：负责推荐系统的机器学习算法研发与优化，任职要求：熟悉深度学习框架";

TEST(ColumnMap, ColumnsNoAliasKnowsAreMappedByTheirCells) {
  auto h = Split("title,salary,address,keyword,requirements,url");
  auto sample = Rows(6, {"算法工程师", "10-20K", "杭州", "Python", kDuties, "https://x/1"});
  sample[1][2] = "北京";
  sample[2][2] = "";  // empty cells are no evidence either way
  FakeJudge judge;
  auto m = MapColumns(h, sample, {}, "zhilian.csv", &judge);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->detected_by, "header+content");
  EXPECT_EQ(HeaderOf(*m, h, Field::kCity), "address");
  EXPECT_EQ(m->evidence[static_cast<size_t>(Field::kCity)], "5 of 5 sampled cells read as a city");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDescription), "requirements");
  EXPECT_TRUE(m->evidence[static_cast<size_t>(Field::kPosition)].empty());  // found by its name
  // Without a judge, names alone.
  auto by_name = MapColumns(h, sample, {}, "zhilian.csv");
  ASSERT_TRUE(by_name.ok());
  EXPECT_FALSE((*by_name)[Field::kCity].mapped());
  EXPECT_EQ(by_name->detected_by, "header");
}

TEST(ColumnMap, WeakOrThinEvidenceMapsNothing) {
  FakeJudge judge;
  auto h = Split("title,where");
  // Under 80% of the cells read as a city.
  auto mixed = Rows(10, {"工程师", "杭州"});
  for (int i = 0; i < 3; ++i) mixed[i][1] = "远程";
  auto m = MapColumns(h, mixed, {}, "x.csv", &judge);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE((*m)[Field::kCity].mapped());
  // Fewer than five cells.
  m = MapColumns(h, Rows(4, {"工程师", "杭州"}), {}, "x.csv", &judge);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE((*m)[Field::kCity].mapped());
  // A column the config removes stays removed.
  ColumnOverrides o;
  o.by_field[Field::kCity] = "";
  m = MapColumns(h, Rows(6, {"工程师", "杭州"}), o, "x.csv", &judge);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE((*m)[Field::kCity].mapped());
}

TEST(ColumnMap, CellsAloneNeverMakeACompanyTableOfPostings) {
  FakeJudge judge;
  // Long text and a city, but no title or description by name.
  auto h = Split("公司,公司描述,地点");
  auto m = MapColumns(h, Rows(8, {"某公司", kDuties, "杭州"}), {}, "company.xlsx", &judge);
  EXPECT_FALSE(m.ok());
}

TEST(ColumnMap, AnUnfamiliarHeaderRowIsNotTakenForData) {
  // Two names match no alias; the rows below have shapes, the header not.
  auto h = Split("pay,when,size,text");
  auto sample = Rows(10, {"10-15K", "2024-03-01", "100-499人", kDuties + kDuties});
  FakeJudge judge;
  auto m = MapColumns(h, sample, {}, "x.csv", &judge);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->has_header);
  EXPECT_EQ(HeaderOf(*m, h, Field::kDescription), "text");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDate), "when");
}

TEST(ColumnMap, DateFallbackColumnsByTheirNames) {
  auto h = Split("职位,首次发布时间,首次扫描日期,记录更新日期");
  auto m = MapColumns(h, {}, {}, "job.xlsx");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(HeaderOf(*m, h, Field::kDate), "首次发布时间");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDateSeen), "首次扫描日期");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDateUpdated), "记录更新日期");
  h = Split("title,crawl_time,update_time");
  m = MapColumns(h, {}, {}, "x.csv");
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE((*m)[Field::kDate].mapped());
  EXPECT_EQ(HeaderOf(*m, h, Field::kDateSeen), "crawl_time");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDateUpdated), "update_time");
}

TEST(Posting, CellsAreCleanedAndUnwrapped) {
  auto h = Split("职位,薪资,地区");
  auto m = MapColumns(h, {}, {}, "x.csv");
  ASSERT_TRUE(m.ok());
  PostingBuilder b;
  Posting p;
  b.Build({"['大数据开发工程师']", " \xC2\xA0['1-1.5万/月'] ", "[]"}, *m, &p);
  EXPECT_EQ(p[Field::kPosition], "大数据开发工程师");
  EXPECT_EQ(p[Field::kSalary], "1-1.5万/月");
  EXPECT_EQ(p[Field::kCity], "");
}

// Header aliases are data: the shipped file maps the names real sites use,
// a run's own file adds a site's names, and mistakes name their line.
TEST(HeaderAliases, TheShippedFileAndARunsOwn) {
  const auto& shipped = ShippedHeaderAliases();
  ASSERT_TRUE(shipped.ok()) << shipped.status().message();
  EXPECT_GE((*shipped)->by_field.size(), 15u);
  EXPECT_EQ((*shipped)->by_field.front().first, Field::kId) << "fields keep the file's order";
  EXPECT_EQ((*shipped)->company_info, (std::vector<std::string>{"公司信息", "companyinfo"}));

  auto h = Split("岗位头衔,酬劳,工作描述");
  std::vector<std::vector<std::string>> sample = {{"算法工程师", "20-30K", "负责大模型训练与推理优化，参与模型评测"}};
  auto plain = MapColumns(h, sample, {}, "site.csv");
  EXPECT_FALSE(plain.ok() && (*plain)[Field::kPosition].mapped()) << "no shipped alias names 岗位头衔";

  std::string path = ::testing::TempDir() + "/header_aliases.tsv";
  std::ofstream(path) << "# a site's own names\nposition\t岗位 头衔\nsalary\t酬劳\ndescription\tJob_Description\n"
                      << "description\t工作描述\n";
  auto own = LoadHeaderAliases(path);
  ASSERT_TRUE(own.ok()) << own.status().message();
  EXPECT_EQ(own->by_field[0].second, std::vector<std::string>{"岗位头衔"}) << "names are normalised as headers are";
  ColumnOverrides o;
  o.aliases = std::make_shared<const HeaderAliases>(std::move(*own));
  auto m = MapColumns(h, sample, o, "site.csv");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(HeaderOf(*m, h, Field::kPosition), "岗位头衔");
  EXPECT_EQ(HeaderOf(*m, h, Field::kSalary), "酬劳");
  EXPECT_EQ(HeaderOf(*m, h, Field::kDescription), "工作描述");

  const std::pair<const char*, const char*> kBad[] = {
      {"position\n", ":1: a line is a field and a header name"},
      {"positon\t岗位\n", ":1: no field is called 'positon'"},
      {"position\t岗位\ncity\t岗位\n", ":2: '岗位' is named already"},
      {"# x\nposition\t \n", ":2: nothing after the TAB"},
  };
  for (const auto& [text, want] : kBad) {
    std::ofstream(path) << text;
    auto bad = LoadHeaderAliases(path);
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_NE(bad.status().message().find(path + want), std::string::npos) << bad.status().message();
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace jobsift
