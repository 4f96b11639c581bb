#include "lexicon/lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace jobsift {
namespace {

class LexiconFiles {
 public:
  LexiconFiles() {
    char tmpl[] = "/tmp/jobsift_lexicon_XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  ~LexiconFiles() { std::filesystem::remove_all(root_); }
  std::string Write(const std::string& rel, const std::string& text) {
    std::string path = root_ + "/" + rel;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << text;
    return path;
  }
  std::string Path(const std::string& rel) const { return root_ + "/" + rel; }

 private:
  std::string root_;
};

const Term* Find(const Lexicon& lex, Domain d, std::string_view text) {
  for (const Term& t : lex.terms())
    if (t.domain == d && t.text == text) return &t;
  return nullptr;
}

const Group& GroupOf(const Lexicon& lex, const Term& t) { return lex.groups()[t.group]; }

// A base set of two AI groups and a hard and a soft group.
void WriteBase(LexiconFiles& f) {
  f.Write("base/ai/dl.tsv", "# group: 深度学习\n# belongs: b\n# left out: l\n深度学习\nCNN\tweak\n");
  f.Write("base/ai/gen.tsv", "# group: 生成式AI\n# belongs: b\n# left out: l\n大模型\n扩散模型\n");
  f.Write("base/hard/ml.tsv", "# group: 机器学习\n# category: 专业知识\n# belongs: b\n# left out: l\n机器学习\n");
  f.Write("base/soft/team.tsv", "# group: 团队\n# belongs: b\n# left out: l\n团队合作\n");
}

TEST(Lexicon, AnOverlayAddsATermAndKeepsEveryOtherDomain) {
  LexiconFiles f;
  WriteBase(f);
  // The overlay holds only ai/: one term added to a known group.
  f.Write("over/ai/dl.tsv", "# group: 深度学习\n图神经网络\n");
  auto lex = Lexicon::LoadOverlaid(f.Path("base"), f.Path("over"));
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  const Term* added = Find(*lex, Domain::kAi, "图神经网络");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(GroupOf(*lex, *added).name, "深度学习");
  EXPECT_EQ(GroupOf(*lex, *added).overlay, f.Path("over/ai/dl.tsv"));
  EXPECT_EQ(lex->TermCount(Domain::kAi), 5u);
  EXPECT_EQ(lex->TermCount(Domain::kHard), 1u);  // not emptied
  EXPECT_EQ(lex->TermCount(Domain::kSoft), 1u);
  EXPECT_EQ(lex->GroupCount(Domain::kAi), 2u);
  // The checksum says the lexicons differ.
  auto base = Lexicon::LoadDir(f.Path("base"));
  ASSERT_TRUE(base.ok());
  EXPECT_NE(lex->Checksum(), base->Checksum());
}

TEST(Lexicon, AnOverlayOverridesMovesAndRemovesTerms) {
  LexiconFiles f;
  WriteBase(f);
  f.Write("over/ai/dl.tsv",
          "# group: 深度学习\n"
          "CNN\t\tCNN新闻\tno longer weak, with an exclusion\n"
          "扩散模型\n"                // moves here from 生成式AI
          "深度学习\tremove\n");
  auto lex = Lexicon::LoadOverlaid(f.Path("base"), f.Path("over"));
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  const Term* cnn = Find(*lex, Domain::kAi, "CNN");
  ASSERT_NE(cnn, nullptr);
  EXPECT_FALSE(cnn->weak);
  ASSERT_EQ(cnn->excludes.size(), 1u);
  const Term* moved = Find(*lex, Domain::kAi, "扩散模型");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(GroupOf(*lex, *moved).name, "深度学习");
  EXPECT_EQ(Find(*lex, Domain::kAi, "深度学习"), nullptr);
  for (const Group& g : lex->groups()) {
    if (g.name == "深度学习") EXPECT_EQ(g.terms, 2u);
    if (g.name == "生成式AI") EXPECT_EQ(g.terms, 1u);
  }
}

TEST(Lexicon, AnOverlayAddsOrRemovesWholeGroups) {
  LexiconFiles f;
  WriteBase(f);
  f.Write("over/soft/resilience.tsv", "# group: 抗压\n# belongs: b\n# left out: l\n抗压能力\n");
  f.Write("over/ai/gen.tsv", "# group: 生成式AI\n# remove: group\n");
  auto lex = Lexicon::LoadOverlaid(f.Path("base"), f.Path("over"));
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  EXPECT_EQ(lex->GroupCount(Domain::kSoft), 2u);
  EXPECT_EQ(lex->GroupCount(Domain::kAi), 1u);
  EXPECT_EQ(Find(*lex, Domain::kAi, "大模型"), nullptr);
  // Group indices stay consistent after the removal.
  for (const Term& t : lex->terms()) EXPECT_EQ(lex->groups()[t.group].domain, t.domain) << t.text;
}

TEST(Lexicon, OverlayMistakesNameTheirPlace) {
  LexiconFiles f;
  WriteBase(f);
  f.Write("over1/ai/x.tsv", "# group: 新组\n新词\n");  // a new group needs belongs / left out
  auto lex = Lexicon::LoadOverlaid(f.Path("base"), f.Path("over1"));
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("over1/ai/x.tsv: missing '# belongs:'"), std::string::npos);
  f.Write("over2/ai/dl.tsv", "# group: 深度学习\n不存在\tremove\n");
  lex = Lexicon::LoadOverlaid(f.Path("base"), f.Path("over2"));
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("over2/ai/dl.tsv:2: removes '不存在'"), std::string::npos)
      << lex.status().message();
  // `remove` is an overlay's flag only.
  f.Write("set/ai/dl.tsv", "# group: g\n# belongs: b\n# left out: l\n词\tremove\n");
  auto set = Lexicon::LoadDir(f.Path("set"));
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("remove in overlays only"), std::string::npos);
}

// The rule's own words are data: a set without rules.tsv uses the shipped
// ones, a set's rules.tsv is its own (and not a group file), an overlay's
// replaces the lists it names, and the checksum follows them.
TEST(Lexicon, RuleWordsComeFromTheSetOrTheShippedFileAndAnOverlayReplacesLists) {
  LexiconFiles f;
  WriteBase(f);
  auto shipped = ReadRuleWords(DefaultRuleWordsPath());
  ASSERT_TRUE(shipped.ok()) << shipped.status().message();
  auto base = Lexicon::LoadDir(f.Path("base"));
  ASSERT_TRUE(base.ok()) << base.status().message();
  EXPECT_EQ(base->rules().file, DefaultRuleWordsPath());
  EXPECT_EQ(base->rules().marker_plus, shipped->marker_plus);
  EXPECT_FALSE(base->rules().marker_plus.empty());

  std::string all;
  for (const auto& [name, list] : RuleWords::Lists()) all += std::string(name) + "\t词" + std::string(name) + "\n";
  f.Write("own/rules.tsv", "# every list, one word each\n" + all);
  f.Write("own/ai/dl.tsv", "# group: 深度学习\n# belongs: b\n# left out: l\n深度学习\n");
  auto own = Lexicon::LoadDir(f.Path("own"));
  ASSERT_TRUE(own.ok()) << own.status().message();
  EXPECT_EQ(own->rules().file, f.Path("own/rules.tsv"));
  EXPECT_EQ(own->rules().marker_plus, std::vector<std::string>{"词marker.plus"});
  EXPECT_EQ(own->GroupCount(Domain::kAi), 1u) << "rules.tsv is not read as a group";

  f.Write("over/rules.tsv", "marker.plus\t最好\nmarker.plus\t优先\n");
  auto over = Lexicon::LoadOverlaid(f.Path("base"), f.Path("over"));
  ASSERT_TRUE(over.ok()) << over.status().message();
  EXPECT_EQ(over->rules().marker_plus, (std::vector<std::string>{"最好", "优先"}));
  EXPECT_EQ(over->rules().title_non_technical, shipped->title_non_technical) << "lists it does not name are kept";
  EXPECT_EQ(over->rules().overlay, f.Path("over/rules.tsv"));
  EXPECT_NE(over->Checksum(), base->Checksum()) << "a changed rule word is another lexicon";
}

TEST(Lexicon, RuleWordMistakesNameTheirPlace) {
  LexiconFiles f;
  const std::pair<const char*, const char*> kCases[] = {
      {"marker.plus\n", "r.tsv:1: a line is a list name and a word"},
      {"marker.pluss\t优先\n", "r.tsv:1: no list is called 'marker.pluss'"},
      {"# c\nmarker.plus\t优先\nmarker.plus\t优先\n", "r.tsv:3: '优先' is in marker.plus already"},
      {"marker.plus\t \n", "r.tsv:1: nothing after the TAB"},
      {"marker.plus\t优先\n", "the list marker.tool is missing"},
  };
  for (const auto& [text, want] : kCases) {
    std::string path = f.Write("r.tsv", text);
    auto w = ReadRuleWords(path);
    ASSERT_FALSE(w.ok()) << text;
    EXPECT_NE(w.status().message().find(want), std::string::npos) << w.status().message();
  }
  // An overlay may name some lists only.
  std::vector<bool> named;
  auto some = ReadRuleWords(f.Write("r.tsv", "marker.plus\t优先\n"), /*only_named=*/true, &named);
  ASSERT_TRUE(some.ok());
  EXPECT_TRUE(named[0]);
  EXPECT_FALSE(named[1]);
}

}  // namespace
}  // namespace jobsift
