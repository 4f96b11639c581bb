#include "io/csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace jobsift {
namespace {

std::vector<std::vector<std::string>> SplitAll(std::string_view text, char delim = ',') {
  CsvRecordSplitter split(text, delim);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> rows;
  while (split.Next(fields)) rows.emplace_back(fields.begin(), fields.end());
  return rows;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(Csv, QuotedFieldsKeepDelimitersQuotesAndNewlines) {
  auto rows = SplitAll("title,desc\r\n算法工程师,\"1、负责模型训练，优化\r\n2、熟悉 \"\"PyTorch\"\", TensorFlow\"\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"title", "desc"}));
  EXPECT_EQ(rows[1][1], "1、负责模型训练，优化\r\n2、熟悉 \"PyTorch\", TensorFlow");
}

TEST(Csv, ManyUnescapedFieldsInOneRecordStayValid) {
  // Each field needs a copy (an escaped quote, or text after the closing
  // quote); the copies of the first fields must survive those of the later
  // ones. Found by fuzz_csv (tests/fuzz_regressions/csv/).
  std::string line;
  Rows expected(1);
  for (int i = 0; i < 20; ++i) {
    line += (i ? "," : "") + std::string("\"a\"\"") + std::to_string(i) + "\"x";
    expected[0].push_back("a\"" + std::to_string(i) + "x");
  }
  EXPECT_EQ(SplitAll(line + "\n"), expected);
}

TEST(Csv, CrlfIsDroppedFromUnquotedFields) {
  EXPECT_EQ(SplitAll("a,b\r\nc,d\r\n"), (Rows{{"a", "b"}, {"c", "d"}}));
}

TEST(Csv, LastRecordWithoutNewline) { EXPECT_EQ(SplitAll("a,b\nc,d"), (Rows{{"a", "b"}, {"c", "d"}})); }

TEST(Csv, BlankLinesAreSkipped) { EXPECT_EQ(SplitAll("a\n\n\r\nb\n"), (Rows{{"a"}, {"b"}})); }

TEST(Csv, QuoteInsideUnquotedFieldIsLiteral) {
  // As Python's csv module reads it: only a quote at a field start opens one.
  EXPECT_EQ(SplitAll("5\" screen,x\n"), (Rows{{"5\" screen", "x"}}));
}

TEST(Csv, TextAfterClosingQuoteIsAppended) {
  EXPECT_EQ(SplitAll("\"ab\"cd,e\n"), (Rows{{"abcd", "e"}}));
}

TEST(Csv, EmptyFieldsAndTrailingDelimiter) {
  EXPECT_EQ(SplitAll("a,,\"\",\n"), (Rows{{"a", "", "", ""}}));
}

TEST(Csv, UnterminatedQuoteIsReported) {
  CsvRecordSplitter split("a,\"open\nmore", ',');
  std::vector<std::string_view> fields;
  ASSERT_TRUE(split.Next(fields));
  EXPECT_TRUE(split.open_quote());
}

TEST(CsvBoundary, NewlineInsideQuotesIsNotABoundary) {
  std::string text = "a,\"x\ny\"\nb,c\n";
  CsvBoundary b = FindLastRecordEnd(text, ',');
  EXPECT_EQ(b.end, text.size());
  EXPECT_FALSE(b.open_quote);
  // Cut inside the quoted field: the last whole record ends before it.
  std::string cut = "h,i\na,\"x\ny";
  b = FindLastRecordEnd(cut, ',');
  EXPECT_EQ(b.end, 4u);
  EXPECT_TRUE(b.open_quote);
}

TEST(CsvBoundary, EscapedQuoteAtBufferEndNeedsMoreInput) {
  std::string text = "a\nb,\"x\"";  // is the last quote a close, or half of ""?
  CsvBoundary b = FindLastRecordEnd(text, ',');
  EXPECT_EQ(b.end, 2u);
  EXPECT_TRUE(b.open_quote);
}

TEST(CsvBoundary, AgreesWithSplitterOnEveryCut) {
  // Whatever the cut, the boundary is a record end the splitter agrees on.
  std::string text =
      "id,t,d\n1,\"a,b\",\"x\n\"\"y\"\"\nz\"\n2,5\" tv,\"\"\n3,\"q\"r,s\n4,,\n";
  auto whole = SplitAll(text);
  for (size_t cut = 1; cut <= text.size(); ++cut) {
    CsvBoundary b = FindLastRecordEnd(std::string_view(text).substr(0, cut), ',');
    auto head = SplitAll(std::string_view(text).substr(0, b.end));
    auto tail = SplitAll(std::string_view(text).substr(b.end));
    head.insert(head.end(), tail.begin(), tail.end());
    EXPECT_EQ(head, whole) << "cut at " << cut;
  }
}

TEST(CsvBoundary, LongBuffersAgreeWithTheSplitter) {
  // Long buffers with quotes of every kind, cut anywhere.
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += std::to_string(i) + ",\"desc, \"\"q\"\"\n" + std::string(i % 40, 'x') + "\"," + (i % 5 ? "5\" tv" : "") + "\n";
  }
  for (size_t cut : {text.size(), text.size() - 7, text.size() / 2 + 3, size_t{4097}, size_t{17}}) {
    std::string_view part = std::string_view(text).substr(0, cut);
    CsvBoundary b = FindLastRecordEnd(part, ',');
    auto head = SplitAll(part.substr(0, b.end));
    auto tail = SplitAll(std::string_view(text).substr(b.end));
    head.insert(head.end(), tail.begin(), tail.end());
    EXPECT_EQ(head, SplitAll(text)) << cut;
  }
}

TEST(CsvDelimiter, DetectsAmongCandidates) {
  EXPECT_EQ(DetectDelimiter("职位,薪资,城市\n工程师,1-2万,北京\n"), ',');
  EXPECT_EQ(DetectDelimiter("职位\t薪资\t城市\n工程师\t1-2万\t北京\n"), '\t');
  EXPECT_EQ(DetectDelimiter("职位;薪资;城市\n工程师;1,5万;北京\n"), ';');
  EXPECT_EQ(DetectDelimiter("职位|薪资|城市\n工程师|1-2万|北京\n"), '|');
  // Commas inside quoted descriptions do not fool it.
  EXPECT_EQ(DetectDelimiter("a\tb\n\"x,y,z,w\"\tq\n"), '\t');
}

}  // namespace
}  // namespace jobsift
