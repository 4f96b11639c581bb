// The command-line parser: what it fills, what it answers, what it refuses
// and how it says so.
#include "jobsift/flags.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jobsift {
namespace {

struct Cli {
  CommandLine line{"tool", "does things"};
  std::vector<std::string> inputs;
  std::string output, half, label;
  int threads = 0;
  uint64_t min_n = 30;
  bool quiet = false;
  CommandLine* run = nullptr;
  CommandLine* tools = nullptr;
  CommandLine* check = nullptr;

  Cli() {
    line.Version("tool 1.0");
    line.NeedsCommand();
    run = &line.Command("run", "Run it");
    run->Words("inputs", &inputs, "Files").Required();
    run->Text("--output,-o", &output, "Where").Required();
    run->Number("--threads,-j", &threads, 1, 256, "Threads");
    run->Number("--min-n", &min_n, 0, 1000, "Smallest cell");
    run->Switch("--quiet,-q", &quiet, "Hush");
    run->Text("--half", &half, "Half-year").Check([](const std::string& v) {
      return v.size() == 6 && v[4] == 'H' ? std::string() : "use the form 2024H1";
    });
    tools = &line.Command("tools", "Tools");
    tools->NeedsCommand();
    check = &tools->Command("check", "Check a label");
    check->Word("label", &label, "A label");
  }

  // The parse of `words` (after the program name): "" when it parsed, the
  // answer's text when one was asked, else the refusal's message.
  std::string Parse(std::vector<const char*> words) {
    words.insert(words.begin(), "tool");
    std::string answer;
    Status s = line.Parse(static_cast<int>(words.size()), words.data(), &answer);
    return s.ok() ? answer : "error: " + s.message();
  }
};

TEST(Flags, FillsTheChosenCommandsVariablesInEveryForm) {
  Cli c;
  EXPECT_EQ(c.Parse({"run", "a.csv", "-o", "out", "--threads=4", "b.csv", "-q", "--min-n", "0", "--", "-c.csv"}), "");
  EXPECT_TRUE(c.run->Chosen());
  EXPECT_FALSE(c.tools->Chosen());
  EXPECT_EQ(c.inputs, (std::vector<std::string>{"a.csv", "b.csv", "-c.csv"}));
  EXPECT_EQ(c.output, "out");
  EXPECT_EQ(c.threads, 4);
  EXPECT_EQ(c.min_n, 0u);
  EXPECT_TRUE(c.quiet);

  Cli d;  // -jN, a lone - (stdin) as an input, a nested command
  EXPECT_EQ(d.Parse({"run", "-j3", "-", "--output=o"}), "");
  EXPECT_EQ(d.threads, 3);
  EXPECT_EQ(d.inputs, std::vector<std::string>{"-"});
  Cli e;
  EXPECT_EQ(e.Parse({"tools", "check", "x"}), "");
  EXPECT_TRUE(e.check->Chosen());
  EXPECT_EQ(e.label, "x");
}

TEST(Flags, RefusesWithOneLineThatSaysWhyAndWhereToLook) {
  auto refusal = [](std::vector<const char*> words) { return Cli().Parse(std::move(words)); };
  EXPECT_EQ(refusal({"rnu"}), "error: unknown command 'rnu': did you mean 'run'? (the commands: run, tools; see tool --help)");
  EXPECT_EQ(refusal({}), "error: a command is required: run, tools (see tool --help)");
  EXPECT_EQ(refusal({"tools"}), "error: tools: a command is required: check (see tool tools --help)");
  EXPECT_EQ(refusal({"run", "--thread", "2", "a", "-o", "o"}),
            "error: run: unknown option '--thread': did you mean '--threads'? (see tool run --help)");
  EXPECT_EQ(refusal({"run", "--zzzzzzzz", "a"}), "error: run: unknown option '--zzzzzzzz' (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a"}), "error: run: --output is required (see tool run --help)");
  EXPECT_EQ(refusal({"run", "-o", "o"}), "error: run: inputs is required (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o"}), "error: run: -o needs a value (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "--quiet"}), "error: run: -o needs a value (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "o", "-j", "0"}), "error: run: --threads: 0 is not in range 1 to 256 (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "o", "--min-n", "-5"}),
            "error: run: --min-n: -5 is not in range 0 to 1000 (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "o", "-j", "four"}),
            "error: run: --threads: 'four' is not a whole number (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "o", "-j", "99999999999999999999"}),
            "error: run: --threads: 99999999999999999999 is not in range 1 to 256 (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "o", "--half", "2024H3x"}),
            "error: run: --half: use the form 2024H1 (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "o", "-o", "p"}), "error: run: --output given twice (see tool run --help)");
  EXPECT_EQ(refusal({"run", "a", "-o", "o", "--quiet=yes"}), "error: run: --quiet takes no value (see tool run --help)");
  EXPECT_EQ(refusal({"tools", "check", "x", "y"}), "error: tools check: unexpected argument 'y' (see tool tools check --help)");
}

TEST(Flags, AnswersHelpAndVersionWithoutRunning) {
  Cli c;
  EXPECT_EQ(c.Parse({"--version"}), "tool 1.0\n");
  std::string help = c.Parse({"run", "--help"});
  EXPECT_EQ(help.rfind("tool run: Run it\n\nUsage: tool run [options] inputs...\n", 0), 0u) << help;
  EXPECT_NE(help.find("  -j, --threads N             Threads\n"), std::string::npos) << help;
  EXPECT_NE(help.find("  -o, --output TEXT           Where (required)\n"), std::string::npos) << help;
  EXPECT_EQ(c.output, "");  // nothing was run
  help = Cli().Parse({"-h"});
  EXPECT_NE(help.find("Commands:\n  run                         Run it\n  tools"), std::string::npos) << help;
}

TEST(Flags, HelpWrapsLongTextUnderItsColumn) {
  CommandLine line("tool", "x");
  std::string text;
  std::string words;
  for (int i = 0; i < 40; ++i) words += "word ";
  line.Text("--long", &text, words + "end");
  std::string help = line.Help();
  size_t longest = 0, at = 0;
  for (size_t nl; (nl = help.find('\n', at)) != std::string::npos; at = nl + 1) longest = std::max(longest, nl - at);
  EXPECT_LE(longest, 100u) << help;
  EXPECT_NE(help.find("\n                              word"), std::string::npos) << help;
}

TEST(Flags, NearestNameIsWithinAThirdOfTheWord) {
  EXPECT_EQ(DidYouMean("reprot", {"report", "scan"}), ": did you mean 'report'?");
  EXPECT_EQ(DidYouMean("xyz", {"report", "scan"}), "");
  EXPECT_EQ(ParseWholeNumber("12", 0, 20).value(), 12);
  EXPECT_FALSE(ParseWholeNumber("", 0, 20).ok());
  EXPECT_FALSE(ParseWholeNumber("1e3", 0, 2000).ok());
}

}  // namespace
}  // namespace jobsift
