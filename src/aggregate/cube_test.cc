#include "aggregate/cube.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jobsift {
namespace {

TEST(Dictionary, StableNamesGetTheIdsTheirBytesHave) {
  Dictionary dict;
  const std::string beijing_table = "北京市";  // a field table's storage
  std::string_view beijing(beijing_table.data(), 6);  // "北京", a view of its start
  EXPECT_EQ(dict.Id("上海"), 1u);
  EXPECT_EQ(dict.FindStable(beijing), 0u);  // not seen by address yet
  EXPECT_EQ(dict.IdOfStable(beijing), 2u);
  EXPECT_EQ(dict.FindStable(beijing), 2u);
  // The same address with another length is another name.
  EXPECT_EQ(dict.IdOfStable(beijing_table), 3u);
  EXPECT_EQ(dict.Name(3), "北京市");
  // The same bytes at another address, stable or not, are the same name.
  const std::string copy = "北京";
  EXPECT_EQ(dict.IdOfStable(copy), 2u);
  EXPECT_EQ(dict.Id("北京"), 2u);
  EXPECT_EQ(dict.IdOfStable(""), 0u);
  // Many stable names (the address table grows) keep their ids.
  std::vector<std::string> names;
  for (int i = 0; i < 500; ++i) names.push_back("city" + std::to_string(i));
  for (const std::string& n : names) dict.IdOfStable(n);
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(dict.IdOfStable(names[i]), 4u + i);
    EXPECT_EQ(dict.Id(names[i]), 4u + i);
  }
}

// The cube counts the same whether it knows names by address or by bytes,
// and prefetching changes nothing.
TEST(Cube, StableNamesAndPrefetchCountTheSame) {
  const std::vector<std::string> cities = {"北京", "上海", "深圳"};
  const std::vector<std::string> terms = {"大模型", "NLP", "PyTorch"};
  auto record = [&](int i, bool stable) {
    CubeRecord r;
    r.stable_names = stable;
    r.dim[static_cast<size_t>(Dim::kQuarter)] = i % 2 ? "2024Q1" : "2024Q2";
    r.dim[static_cast<size_t>(Dim::kCity)] = cities[i % 3];
    r.dim[static_cast<size_t>(Dim::kIndustry)] = i % 5 ? "计算机互联网" : "";
    r.ai = i % 4 == 0;
    r.has_salary = i % 3 != 2;
    r.annual_salary = 100000 + 1000 * static_cast<uint64_t>(i);
    if (r.ai) {
      r.groups = {"hard|技术技能|编程语言", "hard|技术技能|"};
      r.ai_terms = {terms[i % 3], terms[(i + 1) % 3]};
    }
    return r;
  };
  Cube by_bytes, by_address;
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(by_bytes.Add(record(i, false)), Cube::AddResult::kAdded);
    CubeRecord r = record(i, true);
    by_address.Prefetch(record(i + 1, true));
    EXPECT_EQ(by_address.Add(r), Cube::AddResult::kAdded);
  }
  auto text = [](const Cube& cube) {
    std::string o;
    for (const auto& m : cube.Collapse({Dim::kQuarter, Dim::kCity, Dim::kIndustry}))
      o += m.names[0] + "," + m.names[1] + "," + m.names[2] + "," + std::to_string(m.ai) + "," +
           std::to_string(m.cell.postings) + "," + std::to_string(m.cell.salary_n) + "," +
           std::to_string(m.cell.salary_sum) + "\n";
    return o;
  };
  EXPECT_EQ(text(by_address), text(by_bytes));
  EXPECT_NE(text(by_bytes).find("2024Q1,北京,计算机互联网,0,"), std::string::npos);
  EXPECT_EQ(by_address.pairs().size(), by_bytes.pairs().size());
  EXPECT_EQ(by_address.dict_terms().size(), 4u);  // "" and three terms
  EXPECT_EQ(by_address.skills_by_city().size(), by_bytes.skills_by_city().size());
}

}  // namespace
}  // namespace jobsift
