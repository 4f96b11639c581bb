// XLSX workbooks read row by row (io/xlsx.h), from zips built in memory by
// tests/test_util.h or by hand: shared strings (rich text joined, phonetic
// runs left out), inline strings, numbers as written and booleans come back
// as text; empty cells keep the columns after them in place, trailing empty
// cells are dropped, columns past Z and row numbers with gaps are the
// sheet's own; a cell pointing past the shared-string table is an error that
// names the workbook and the problem; IsXlsx tells a workbook from a zip of
// CSV files.
#include "io/xlsx.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "../../tests/test_util.h"

namespace jobsift {
namespace {

using Rows = std::vector<std::pair<uint64_t, std::vector<std::string>>>;

std::unique_ptr<ZipArchive> Open(std::string bytes, const std::string& name = "book.xlsx") {
  auto a = ZipArchive::OpenBuffer(std::move(bytes), name);
  EXPECT_TRUE(a.ok()) << a.status().message();
  return a.ok() ? std::move(*a) : nullptr;
}

// Every row of the first sheet with its number; the error when reading fails.
StatusOr<Rows> ReadRows(const ZipArchive& archive) {
  auto r = XlsxReader::Open(archive);
  if (!r.ok()) return r.status();
  Rows rows;
  std::vector<std::string> cells;
  uint64_t number = 0;
  for (;;) {
    auto more = (*r)->NextRow(cells, number);
    if (!more.ok()) return more.status();
    if (!*more) return rows;
    rows.emplace_back(number, cells);
  }
}

// A workbook whose first sheet is `sheet_data` (the rows' XML), with a
// shared-string table when `sst` is not empty (the <si> elements).
std::string HandMade(const std::string& sheet_data, const std::string& sst = "") {
  const std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>";
  std::vector<std::pair<std::string, std::string>> members = {
      {"xl/workbook.xml", "<workbook " + ns + " xmlns:r=\"" + rel +
                              "\"><sheets><sheet name=\"岗位\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/worksheets/sheet1.xml", "<worksheet " + ns + "><sheetData>" + sheet_data + "</sheetData></worksheet>"}};
  if (!sst.empty()) {
    rels += "<Relationship Id=\"rId2\" Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    members.emplace_back("xl/sharedStrings.xml", "<sst " + ns + ">" + sst + "</sst>");
  }
  members.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  return testing::Zip(members);
}

TEST(XlsxRead, SharedStringsAndNumbersComeBackRowByRow) {
  auto archive = Open(testing::Xlsx({{"职位名称", "城市", "薪资"},
                                     {"算法工程师", "北京", "=15000"},
                                     {"会计", "", "=6500.5"},
                                     {"", "上海"}}));
  ASSERT_NE(archive, nullptr);
  EXPECT_TRUE(IsXlsx(*archive));
  auto rows = ReadRows(*archive);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(*rows, (Rows{{1, {"职位名称", "城市", "薪资"}},
                         {2, {"算法工程师", "北京", "15000"}},
                         {3, {"会计", "", "6500.5"}},  // the empty city keeps 薪资 in column C
                         {4, {"", "上海"}}}));
}

TEST(XlsxRead, InlineStringsBooleansAndColumnsPastZ) {
  auto archive = Open(HandMade(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>深度学习</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><r><t>大</t></r><r><t>模型</t></r></is></c>"
      "<c r=\"C1\" t=\"b\"><v>1</v></c><c r=\"D1\" t=\"b\"><v>0</v></c></row>"
      "<row r=\"2\"><c r=\"B2\"><v>42</v></c><c r=\"AB2\" t=\"inlineStr\"><is><t>远</t></is></c>"
      "<c r=\"AC2\" t=\"inlineStr\"><is><t></t></is></c></row>"));
  ASSERT_NE(archive, nullptr);
  auto r = XlsxReader::Open(*archive);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)->sheet_name(), "岗位");
  std::vector<std::string> cells;
  uint64_t number = 0;
  auto more = (*r)->NextRow(cells, number);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_EQ(number, 1u);
  EXPECT_EQ(cells, (std::vector<std::string>{"深度学习", "大模型", "TRUE", "FALSE"}));
  more = (*r)->NextRow(cells, number);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_EQ(number, 2u);
  ASSERT_EQ(cells.size(), 28u);  // AB = column 27; the empty AC is dropped
  EXPECT_EQ(cells[0], "");
  EXPECT_EQ(cells[1], "42");
  EXPECT_EQ(cells[27], "远");
  more = (*r)->NextRow(cells, number);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
}

TEST(XlsxRead, RowNumbersAreTheSheetsAndRichSharedStringsJoin) {
  auto archive = Open(HandMade(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"5\"><c r=\"C5\" t=\"s\"><v>1</v></c></row>",
      "<si><r><t>机器</t></r><r><t xml:space=\"preserve\">学习 </t></r></si>"
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"));
  ASSERT_NE(archive, nullptr);
  auto rows = ReadRows(*archive);
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(*rows, (Rows{{1, {"机器学习 "}}, {5, {"", "", "東京"}}}));
}

TEST(XlsxRead, ACellPastTheSharedStringTableIsAnError) {
  // Three strings in the cells, two kept in the table: the third points past it.
  auto archive = Open(testing::Xlsx({{"职位名称", "城市"}, {"算法工程师"}}, /*keep_strings=*/2), "broken.xlsx");
  ASSERT_NE(archive, nullptr);
  auto rows = ReadRows(*archive);
  ASSERT_FALSE(rows.ok());
  const std::string& m = rows.status().message();
  EXPECT_NE(m.find("broken.xlsx"), std::string::npos) << m;
  EXPECT_NE(m.find("shared string '2' does not exist"), std::string::npos) << m;
  EXPECT_NE(m.find("row 2"), std::string::npos) << m;
}

TEST(XlsxDetect, AZipOfCsvFilesIsNotAWorkbook) {
  auto csvs = Open(testing::Zip({{"jobs/a.csv", "职位名称,城市\n算法工程师,北京\n"}, {"b.csv", "x\n"}}), "jobs.zip");
  ASSERT_NE(csvs, nullptr);
  EXPECT_FALSE(IsXlsx(*csvs));
  EXPECT_EQ(csvs->Names(), (std::vector<std::string>{"b.csv", "jobs/a.csv"}));
  EXPECT_FALSE(XlsxReader::Open(*csvs).ok());
  auto book = Open(testing::Xlsx({{"x"}}));
  ASSERT_NE(book, nullptr);
  EXPECT_TRUE(IsXlsx(*book));
  // Bytes that are no zip at all are refused when opened.
  EXPECT_FALSE(ZipArchive::OpenBuffer("职位名称,城市\n", "plain.csv").ok());
}

}  // namespace
}  // namespace jobsift
