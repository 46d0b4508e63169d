#!/bin/bash
# The whole experiment, one command, from the repository root:
#   training/ner/experiments/bilstm/run.sh        (≈ 75 min of training on one core; finished runs are skipped)
# Needs: marsad's training dependencies plus torch (CPU) in $PYTHON (default: python), and what
#   python training/ner/train.py --config training/ner/config.yaml
# leaves in its work_dir: news.txt and stage1-fold*.crfsuite. Everything is written to <work_dir>/bilstm/.
set -e
cd "$(dirname "$0")"
PY=${PYTHON:-python}
$PY -c "import torch" 2>/dev/null || {
  echo "torch is missing: pip install torch --index-url https://download.pytorch.org/whl/cpu" >&2; exit 1; }
# fixed string hashing (gensim, set order) and one thread everywhere: reproducible runs, one-core speeds
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
eval "$($PY _paths.py)"   # OUT, RUNS, DATA, W2V (under the config's work_dir)
mkdir -p "$RUNS"

[ -f "$W2V" ] || $PY vectors.py
[ -f "$DATA" ] || $PY prep.py

# one training run (one process, one thread), skipped when its scores exist; prints its DEV line
run() { name=$1; shift; [ -f "$RUNS/$name.json" ] || $PY nn.py --name "$name" "$@" > "$RUNS/$name.log" 2>&1
        tail -1 "$RUNS/$name.log"; }
# early stopping on the validation carve-out; input ablations and a second seed
run A_w2v_char_flags
run B_w2v_char_flags_crf1 --crf1
run C_w2v_only --no-char --no-flags
run D_char_flags_no_w2v --no-w2v
run A_seed2 --seed 2
run B_seed2 --crf1 --seed 2
# final models: all 3642 training sentences, epoch count = the best validation epoch of the seed-1 run above
run B_final_alltrain --crf1 --final-epochs 12
run A_final_alltrain --final-epochs 15
run E_crf1_hidden200 --crf1 --hidden 200   # B's inputs, wider LSTM, early stopping on validation
run A_final_alltrain_seed2 --final-epochs 15 --seed 2
run B_final_alltrain_seed2 --crf1 --final-epochs 12 --seed 2

$PY avg.py AVG_A_2seeds A_w2v_char_flags A_seed2
$PY avg.py AVG_B_2seeds B_w2v_char_flags_crf1 B_seed2
$PY avg.py AVG_final_A_B A_final_alltrain B_final_alltrain
$PY avg.py AVG_final_4 A_final_alltrain B_final_alltrain A_final_alltrain_seed2 B_final_alltrain_seed2
$PY table.py | tee "$RUNS/table.md"
$PY ensemble.py | tee "$RUNS/ensemble.md"
$PY npinfer.py A_final_alltrain
$PY npinfer.py B_final_alltrain
$PY speed_crf.py
$PY speed_e2e.py A_final_alltrain
