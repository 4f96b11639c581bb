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

}  // namespace
}  // namespace jobsift
