//! A small line-based unified diff, so a failing differential scenario shows
//! exactly where our trace departs from the reference trace.

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Same,
    Del,
    Add,
}

/// Above this many cells the LCS table is not built; the diff then shows the
/// differing middle part as a whole (still with context around it).
const MAX_CELLS: usize = 4_000_000;

/// Unified diff of `a` (labelled `a_name`) against `b`, with `context` lines
/// of context around each change. Empty if the texts are equal.
pub fn unified(a: &str, b: &str, a_name: &str, b_name: &str, context: usize) -> String {
    if a == b {
        return String::new();
    }
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let ops = edit_script(&a, &b);
    let mut out = format!("--- {a_name}\n+++ {b_name}\n");
    // Line numbers (0-based) in a and b reached before each op.
    let mut pos = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0, 0);
    for op in &ops {
        pos.push((i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Del => i += 1,
            Op::Add => j += 1,
        }
    }
    pos.push((i, j));
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k] != Op::Same).collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(context);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * context + 1 {
            end = changed[k];
            k += 1;
        }
        let end = (end + context + 1).min(ops.len());
        let (a0, b0) = pos[start];
        let (a1, b1) = pos[end];
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            a0 + 1,
            a1 - a0,
            b0 + 1,
            b1 - b0
        ));
        for (op, &(ia, ib)) in ops[start..end].iter().zip(&pos[start..end]) {
            match op {
                Op::Same => out.push_str(&format!(" {}\n", a[ia])),
                Op::Del => out.push_str(&format!("-{}\n", a[ia])),
                Op::Add => out.push_str(&format!("+{}\n", b[ib])),
            }
        }
    }
    out
}

/// The shortest edit script from `a` to `b` (longest common subsequence),
/// computed only on the part between the common prefix and suffix.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Same; prefix];
    let (n, m) = (am.len(), bm.len());
    if n.saturating_mul(m) > MAX_CELLS {
        ops.extend(std::iter::repeat_n(Op::Del, n));
        ops.extend(std::iter::repeat_n(Op::Add, m));
    } else {
        // lcs[i * (m + 1) + j] = LCS length of am[i..] and bm[j..].
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push(Op::Same);
                i += 1;
                j += 1;
            } else if j == m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                ops.push(Op::Del);
                i += 1;
            } else {
                ops.push(Op::Add);
                j += 1;
            }
        }
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn equal_texts_give_no_diff() {
        assert_eq!(unified("a\nb\n", "a\nb\n", "x", "y", 3), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let a = "1\n2\n3\n4\n5\n6\n7\n8\n";
        let b = "1\n2\n3\n4\nFIVE\n6\n7\n8\n";
        assert_eq!(
            unified(a, b, "ref", "ours", 2),
            "--- ref\n+++ ours\n@@ -3,5 +3,5 @@\n 3\n 4\n-5\n+FIVE\n 6\n 7\n"
        );
    }

    #[test]
    fn insertion_and_deletion_far_apart_make_two_hunks() {
        let a = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let b = "a\nX\nb\nc\nd\ne\nf\ng\nh\nj\n";
        assert_eq!(
            unified(a, b, "r", "o", 1),
            "--- r\n+++ o\n@@ -1,2 +1,3 @@\n a\n+X\n b\n@@ -8,3 +9,2 @@\n h\n-i\n j\n"
        );
    }

    #[test]
    fn too_large_a_middle_is_shown_as_one_block() {
        let a: String = (0..2100).map(|i| format!("a{i}\n")).collect();
        let b: String = (0..2100).map(|i| format!("b{i}\n")).collect();
        let d = unified(&format!("same\n{a}"), &format!("same\n{b}"), "r", "o", 1);
        assert!(d.starts_with("--- r\n+++ o\n@@ -1,2101 +1,2101 @@\n same\n-a0\n"));
        assert_eq!(d.lines().filter(|l| l.starts_with("-a")).count(), 2100);
        assert_eq!(d.lines().filter(|l| l.starts_with("+b")).count(), 2100);
    }
}
