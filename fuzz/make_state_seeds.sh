#!/usr/bin/env bash
# Writes the state-file seeds of the `state` fuzz target (fuzz/corpus/state/)
# with the built jobsift: run it after a change of the state format
# (aggregate/state.h, kStateVersion), then commit the seeds.
# Usage: bash fuzz/make_state_seeds.sh [path/to/jobsift]
set -euo pipefail
cd "$(dirname "$0")/.."
js="${1:-build/bin/jobsift}"
out=fuzz/corpus/state
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$out"/*.state

printf '职位名称,城市,薪资,学历,工作经验,发布日期,职位描述\n' > "$tmp/two.csv"
printf '算法工程师,北京,20-30K·14薪,硕士,3-5年,2024-03-01,负责深度学习模型训练，熟悉PyTorch\n' >> "$tmp/two.csv"
printf '销售代表,上海,8-12K,大专,1-3年,2024-08-15,负责客户开发\n' >> "$tmp/two.csv"
"$js" report -q --state "$out/two_postings.state" -o "$tmp/r1" "$tmp/two.csv"

# Several postings, AI and not, dated and undated, with duplicates and pay
# that is negotiable, per piece, or annual in a monthly column.
{
  printf '职位名称,公司名称,城市,薪资,学历,工作经验,公司规模,公司行业,首次发布时间,首次扫描日期,职位描述\n'
  printf 'NLP算法工程师,甲科技,深圳,25-40K,硕士,3-5年,100-499人,计算机软件,2024-05-02,2024-05-03,负责大模型微调与自然语言处理，熟悉Transformer\n'
  printf 'NLP算法工程师,甲科技,深圳,25-40K,硕士,3-5年,100-499人,计算机软件,2024-05-02,2024-05-03,负责大模型微调与自然语言处理，熟悉Transformer\n'
  printf '计算机视觉工程师,乙智能,杭州,面议,本科,1-3年,1000-9999人,人工智能,,2024-11-20,目标检测与图像分割，OpenCV，深度学习\n'
  printf '外卖骑手,丙配送,成都,7块/单,学历不限,经验不限,20-99人,生活服务,2025-06-01,2024-12-01,多劳多得\n'
  printf 'Java开发,丁软件,武汉,150000-300000元/月,本科,5-10年,500-999人,互联网,1970-01-01,2024-10-10,Spring Boot 微服务\n'
} > "$tmp/some.csv"
"$js" report -q --state "$out/shipped_lexicons.state" -o "$tmp/r2" "$tmp/some.csv"

# Notes: a file without several columns, a company table that is skipped,
# an empty file, and a column found by its cells.
mkdir -p "$tmp/dir"
printf 'title,pay,address,requirements\n' > "$tmp/dir/a.csv"
for i in 1 2 3 4 5 6; do
  printf '数据分析师%s,10-15K,杭州,岗位职责：负责业务数据分析与报表，任职要求：熟悉SQL和Python，有两年以上经验\n' "$i" >> "$tmp/dir/a.csv"
done
printf '公司,经营状态\n某公司,存续\n' > "$tmp/dir/company.csv"
: > "$tmp/dir/empty.csv"
"$js" report -q --state "$out/notes.state" -o "$tmp/r3" "$tmp/dir" || [ $? -eq 1 ]
ls -l "$out"
