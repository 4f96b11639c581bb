// LoadConfig (pipeline/config.h) on TOML files written to a temporary
// folder: every documented table applies its keys ([input], [columns],
// [data], [classify], [definitions], [salary], [date]) and keys left out
// keep their values; an unknown table or key, a value of the wrong type or
// out of range, a TOML syntax error and a missing file are errors that name
// the file (and the key); ApplyAiRule maps the old rule names onto the
// classifier and definition and refuses others; ParseReferenceDate takes the
// written date forms and refuses what is not a date on its own.
#include "pipeline/config.h"

#include <gtest/gtest.h>

#include <string>

#include "../../tests/test_util.h"

namespace jobsift {
namespace {

using testing::TempDir;
using testing::WriteFile;

// Loads `toml` (written to a file of `d`) into `config`; the file's path in `path`.
Status Load(const TempDir& d, const std::string& toml, Config* config, std::string* path = nullptr) {
  std::string p = d.File("jobsift.toml");
  WriteFile(p, toml);
  if (path) *path = p;
  return LoadConfig(p, config);
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ConfigLoad, EachDocumentedKeyIsApplied) {
  TempDir d;
  Config c;
  Status st = Load(d,
                   "[input]\nencoding = \"GB18030\"\ndelimiter = \"\\t\"\nmax_field_bytes = 4096\nheader = false\n"
                   "[columns]\nposition = \"岗位名称\"\nsalary_min = \"薪酬low\"\nsalary_unit = \"k\"\nbenefits = \"\"\n"
                   "[data]\ndir = \"/srv/data\"\ncities = \"my_cities.tsv\"\nlexicons = \"overlay\"\n"
                   "lexicon_set = \"full_set\"\n"
                   "[classify]\ndefinition = \"with_data\"\nclassifier = \"rules\"\nmodel = \"weights.tsv\"\n"
                   "skip_company_for_ai = false\ntraditional_to_simplified = true\n"
                   "[definitions]\nwith_data = \"B+A+D+S\"\n"
                   "[salary]\nwork_days_per_month = 22\nwork_hours_per_day = 7.5\nmin_monthly = 1000\n"
                   "reread_small_numbers = false\n"
                   "[date]\nreference = \"2024-06-30\"\nmin_year = 2010\n",
                   &c);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(c.read.encoding, "GB18030");
  EXPECT_EQ(c.read.delimiter, '\t');
  EXPECT_EQ(c.read.max_field_bytes, 4096u);
  EXPECT_TRUE(c.read.columns.no_header);
  EXPECT_EQ(c.read.columns.by_field.at(Field::kPosition), "岗位名称");
  EXPECT_EQ(c.read.columns.by_field.at(Field::kSalaryMin), "薪酬low");
  ASSERT_EQ(c.read.columns.by_field.count(Field::kBenefits), 1u);  // "" = ignore the detected column
  EXPECT_EQ(c.read.columns.by_field.at(Field::kBenefits), "");
  EXPECT_EQ(c.read.columns.salary_numeric_unit, "k");
  EXPECT_EQ(c.fields.data_dir, "/srv/data");
  EXPECT_EQ(c.fields.cities_path, "my_cities.tsv");
  EXPECT_EQ(c.lexicon_overlay, "overlay");
  EXPECT_EQ(c.LexiconDir(), "full_set");
  EXPECT_EQ(c.ai_definition, "with_data");
  EXPECT_EQ(c.annotate.category_method, CategoryMethod::kRules);
  EXPECT_EQ(c.CategoryModelPath(), "weights.tsv");
  EXPECT_FALSE(c.annotate.skip_company_for_ai);
  EXPECT_TRUE(c.annotate.skip_company_for_skills);  // not in the file
  EXPECT_TRUE(c.annotate.traditional_to_simplified);
  ASSERT_EQ(c.definitions.size(), 1u);
  EXPECT_EQ(c.definitions[0].name, "with_data");
  EXPECT_TRUE(c.definitions[0].Contains(AiCategory::kData));
  EXPECT_TRUE(c.definitions[0].Contains(AiCategory::kBusiness));
  EXPECT_FALSE(c.definitions[0].Contains(AiCategory::kEducation));
  EXPECT_EQ(c.fields.salary.work_days_per_month, 22.0);  // an integer where a number goes
  EXPECT_EQ(c.fields.salary.work_hours_per_day, 7.5);
  EXPECT_EQ(c.fields.salary.min_monthly, 1000.0);
  EXPECT_FALSE(c.fields.salary.reread_small_numbers);
  ASSERT_TRUE(c.fields.date.reference.has_value());
  EXPECT_EQ(c.fields.date.reference->Iso(), "2024-06-30");
  EXPECT_EQ(c.fields.date.min_year, 2010);
}

TEST(ConfigLoad, KeysLeftOutKeepTheirValues) {
  TempDir d;
  Config c;
  c.read.encoding = "UTF-8";
  c.read.delimiter = ';';
  c.fields.salary.max_monthly = 500000;
  c.ai_definition = "broad";
  Status st = Load(d, "# only the years\n[date]\nmax_year = 2030\n", &c);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(c.fields.date.max_year, 2030);
  EXPECT_EQ(c.read.encoding, "UTF-8");
  EXPECT_EQ(c.read.delimiter, ';');
  EXPECT_EQ(c.fields.salary.max_monthly, 500000.0);
  EXPECT_EQ(c.ai_definition, "broad");
  EXPECT_FALSE(c.fields.date.reference.has_value());
}

TEST(ConfigLoad, UnknownTablesAndKeysAreErrorsNamingFileAndKey) {
  TempDir d;
  const std::pair<const char*, const char*> kCases[] = {
      {"[input]\nencodnig = \"GBK\"\n", "input.encodnig"},
      {"[colums]\nposition = \"岗位\"\n", "colums"},
      {"[columns]\nposiiton = \"岗位\"\n", "columns.posiiton"},
      {"[data]\nlexicon = \"x\"\n", "data.lexicon"},
      {"[classify]\nskip_company = true\n", "classify.skip_company"},
      {"[salary]\nmin_montly = 900\n", "salary.min_montly"},
      {"[date]\nreferense = \"2024-06-30\"\n", "date.referense"},
      {"delimiter = \",\"\n", "delimiter"},  // a key outside any table
  };
  for (const auto& [toml, key] : kCases) {
    Config c;
    std::string path;
    Status st = Load(d, toml, &c, &path);
    ASSERT_FALSE(st.ok()) << toml;
    EXPECT_TRUE(Has(st.message(), path)) << st.message();
    EXPECT_TRUE(Has(st.message(), key)) << st.message();
  }
  // A misspelt key is called unknown whatever its value's type, not a bad
  // value of a key that exists.
  for (const char* toml : {"[salary]\nfoo = \"x\"\n", "[classify]\nfoo = \"x\"\n", "[columns]\nfoo = 1\n",
                           "[data]\nfoo = 1\n"}) {
    Config c;
    Status st = Load(d, toml, &c);
    ASSERT_FALSE(st.ok()) << toml;
    EXPECT_TRUE(Has(st.message(), "foo")) << st.message();
    EXPECT_FALSE(Has(st.message(), "must be")) << toml << ": " << st.message();
  }
}

TEST(ConfigLoad, WrongTypesAndValuesAreErrors) {
  TempDir d;
  const std::pair<const char*, const char*> kCases[] = {
      {"[input]\ndelimiter = 5\n", "input.delimiter"},
      {"[input]\ndelimiter = \",;\"\n", "input.delimiter"},
      {"[input]\nheader = \"no\"\n", "input.header"},
      {"[input]\nmax_record_bytes = 100\n", "input.max_record_bytes"},
      {"[columns]\nposition = 3\n", "columns.position"},
      {"[columns]\nsalary_unit = \"usd\"\n", "columns.salary_unit"},
      {"[classify]\nclassifier = \"svm\"\n", "classify.classifier"},
      {"[classify]\nskip_company_for_ai = \"yes\"\n", "classify.skip_company_for_ai"},
      {"[classify]\nrule = \"strict\"\n", "classify.rule"},
      {"[definitions]\nmine = \"B+X\"\n", "'X' is not a category code"},
      {"[definitions]\ncore = \"B\"\n", "definitions.core"},  // a shipped definition's name
      {"[salary]\nmin_monthly = \"800\"\n", "salary.min_monthly"},
      {"[salary]\nmax_ratio = -2\n", "salary.max_ratio"},
      {"[salary]\nmin_monthly = 5000\nmax_monthly = 4000\n", "min_monthly must be below max_monthly"},
      {"[date]\nmin_year = \"2000\"\n", "date.min_year"},
      {"[date]\nreference = \"2024-02-30\"\n", "2024-02-30"},
      {"input = 3\n", "'input' must be a table"},
  };
  for (const auto& [toml, what] : kCases) {
    Config c;
    std::string path;
    Status st = Load(d, toml, &c, &path);
    ASSERT_FALSE(st.ok()) << toml;
    EXPECT_TRUE(Has(st.message(), path)) << st.message();
    EXPECT_TRUE(Has(st.message(), what)) << st.message();
  }
}

TEST(ConfigLoad, MissingFileAndSyntaxErrorsNameTheFile) {
  TempDir d;
  Config c;
  std::string missing = d.File("nowhere.toml");
  Status st = LoadConfig(missing, &c);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(Has(st.message(), missing)) << st.message();
  std::string path;
  st = Load(d, "[input]\nencoding = \"GBK\"\ndelimiter = \n", &c, &path);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(Has(st.message(), path + ":3")) << st.message();  // file and line
}

TEST(ConfigRule, DefaultIsTheRulesWithDefinitionDefaultAndReportIsDefinitionReport) {
  Config c;
  c.ai_definition = "broad";
  ASSERT_EQ(c.annotate.category_method, CategoryMethod::kModel);
  ASSERT_TRUE(ApplyAiRule("default", &c).ok());
  EXPECT_EQ(c.annotate.category_method, CategoryMethod::kRules);
  EXPECT_EQ(c.ai_definition, "default");
  EXPECT_EQ(c.annotate.ai_rule, AiRule::kDefault);

  Config r;
  ASSERT_TRUE(ApplyAiRule("report", &r).ok());
  EXPECT_EQ(r.ai_definition, "report");
  EXPECT_EQ(r.annotate.ai_rule, AiRule::kReport);

  Config bad;
  Status st = ApplyAiRule("strict", &bad);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(Has(st.message(), "\"default\"")) << st.message();
  EXPECT_TRUE(Has(st.message(), "\"report\"")) << st.message();
  EXPECT_EQ(bad.ai_definition, "default");  // unchanged
  EXPECT_EQ(bad.annotate.category_method, CategoryMethod::kModel);
}

// [date] min_year widens what a reference date may be, as it does for the
// postings' dates.
TEST(ConfigReferenceDate, TheConfigsYearsBoundTheReference) {
  TempDir d;
  Config c;
  Status st = Load(d, "[date]\nmin_year = 1990\nreference = \"1995-06-30\"\n", &c);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_TRUE(c.fields.date.reference.has_value());
  EXPECT_EQ(c.fields.date.reference->Iso(), "1995-06-30");
  Config narrow;
  EXPECT_FALSE(Load(d, "[date]\nreference = \"1995-06-30\"\n", &narrow).ok()) << "before 2000 by default";
}

TEST(ConfigReferenceDate, WrittenDatesAreTakenOthersRefused) {
  const std::pair<const char*, const char*> kGood[] = {
      {"2024-06-30", "2024-06-30"}, {"2024/6/3", "2024-06-03"}, {"2024年6月30日", "2024-06-30"},
      {"20240630", "2024-06-30"},   {"2024-06-30 13:22:35", "2024-06-30"},
  };
  for (const auto& [text, iso] : kGood) {
    DateContext ctx;
    Status st = ParseReferenceDate(text, &ctx);
    ASSERT_TRUE(st.ok()) << text << ": " << st.message();
    ASSERT_TRUE(ctx.reference.has_value()) << text;
    EXPECT_EQ(ctx.reference->Iso(), iso) << text;
  }
  // Impossible dates, text, and forms that need a reference themselves.
  for (const char* text : {"2024-02-30", "2024-13-01", "soon", "", "06-30", "昨天", "3天前"}) {
    DateContext ctx;
    ctx.reference = Date{2023, 1, 2};
    Status st = ParseReferenceDate(text, &ctx);
    ASSERT_FALSE(st.ok()) << text;
    EXPECT_TRUE(Has(st.message(), "'" + std::string(text) + "'")) << st.message();
    EXPECT_TRUE(Has(st.message(), "YYYY-MM-DD")) << st.message();
    EXPECT_EQ(ctx.reference->Iso(), "2023-01-02") << text;  // left as it was
  }
}

}  // namespace
}  // namespace jobsift
