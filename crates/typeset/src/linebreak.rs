//! Paragraph line breaking over boxes, glue and penalties (Knuth & Plass,
//! "Breaking Paragraphs into Lines", 1981), plus a greedy breaker used for
//! ragged text and as the yardstick the optimal breaker must beat.

/// Widths in points.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Unbreakable material (a word or word fragment).
    Box { width: f32 },
    /// Breakable, stretchable space.
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    /// A possible break with a cost; `width` is typeset only if the line breaks
    /// here (a hyphen). `flagged` marks hyphen breaks.
    Penalty {
        width: f32,
        penalty: f32,
        flagged: bool,
    },
}

pub const INFINITY: f32 = 10_000.0;

/// The end of a paragraph or a forced line break: fill the line with
/// infinitely stretchable glue, then break unconditionally.
pub fn forced_break() -> [Item; 2] {
    [
        Item::Glue {
            width: 0.0,
            stretch: INFINITY,
            shrink: 0.0,
        },
        Item::Penalty {
            width: 0.0,
            penalty: -INFINITY,
            flagged: false,
        },
    ]
}
const LINE_PENALTY: f32 = 10.0;
const FLAGGED_DEMERITS: f32 = 3000.0;
const FITNESS_DEMERITS: f32 = 3000.0;

/// One chosen line: items `start..end` (the break item at `end` excluded),
/// and how much its glue was stretched (>0) or shrunk (<0).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub ratio: f32,
    /// Whether the line ends at a penalty whose width is shown (a hyphen).
    pub hyphenated: bool,
}

/// The chosen breaks and their total cost, comparable between breakers.
#[derive(Debug, Clone, PartialEq)]
pub struct Breaks {
    pub lines: Vec<Line>,
    pub demerits: f32,
}

#[derive(Clone, Copy, Default)]
struct Sums {
    width: f32,
    stretch: f32,
    shrink: f32,
}

struct Node {
    position: usize,
    line: usize,
    fitness: usize,
    totals: Sums,
    demerits: f32,
    previous: Option<usize>,
    ratio: f32,
}

fn is_break(items: &[Item], i: usize) -> bool {
    match &items[i] {
        Item::Penalty { penalty, .. } => *penalty < INFINITY,
        Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

fn penalty_of(item: &Item) -> (f32, f32, bool) {
    match item {
        Item::Penalty {
            width,
            penalty,
            flagged,
        } => (*width, *penalty, *flagged),
        _ => (0.0, 0.0, false),
    }
}

fn fitness_class(ratio: f32) -> usize {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

/// Badness of a line set with adjustment ratio `r`, as TeX computes it.
pub fn badness(ratio: f32) -> f32 {
    (100.0 * ratio.abs().powi(3)).min(INFINITY)
}

/// Demerits of one line; the same formula scores every breaker.
fn line_demerits(ratio: f32, penalty: f32) -> f32 {
    let base = (LINE_PENALTY + badness(ratio)).powi(2);
    if penalty >= 0.0 {
        base + penalty * penalty
    } else if penalty > -INFINITY {
        base - penalty * penalty
    } else {
        base
    }
}

fn adjustment_ratio(natural: f32, stretch: f32, shrink: f32, width: f32) -> f32 {
    if natural < width {
        if stretch > 0.0 {
            (width - natural) / stretch
        } else {
            INFINITY
        }
    } else if natural > width {
        if shrink > 0.0 {
            (width - natural) / shrink
        } else {
            -INFINITY
        }
    } else {
        0.0
    }
}

/// Optimal breaks for `items` (which must end with a forced break) at line
/// width `width`. Tries a strict tolerance first, then looser ones; the last
/// pass accepts any line that fits, so it fails only if a box is wider than
/// the measure (callers split such boxes first).
pub fn optimal(items: &[Item], width: f32) -> Option<Breaks> {
    [2.0, 5.0, INFINITY]
        .into_iter()
        .find_map(|tolerance| optimal_with(items, width, tolerance))
}

fn optimal_with(items: &[Item], width: f32, tolerance: f32) -> Option<Breaks> {
    let mut nodes: Vec<Node> = vec![Node {
        position: 0,
        line: 0,
        fitness: 1,
        totals: Sums::default(),
        demerits: 0.0,
        previous: None,
        ratio: 0.0,
    }];
    let mut active: Vec<usize> = vec![0];
    let mut sum = Sums::default();

    for (i, item) in items.iter().enumerate() {
        if is_break(items, i) {
            let (pw, penalty, flagged) = penalty_of(item);
            let mut best: [Option<(f32, usize, f32)>; 4] = [None; 4];
            let mut still_active = Vec::with_capacity(active.len());
            for &a in &active {
                let node = &nodes[a];
                let natural = sum.width - node.totals.width + pw;
                let ratio = adjustment_ratio(
                    natural,
                    sum.stretch - node.totals.stretch,
                    sum.shrink - node.totals.shrink,
                    width,
                );
                // A node stays active while lines from it can still fit.
                let forced = penalty <= -INFINITY;
                if ratio >= -1.0 && !forced {
                    still_active.push(a);
                }
                if ratio >= -1.0 && ratio <= tolerance {
                    let mut d = line_demerits(ratio, penalty);
                    let prev_flagged = matches!(
                        items.get(node.position),
                        Some(Item::Penalty { flagged: true, .. })
                    ) && node.position > 0;
                    if flagged && prev_flagged {
                        d += FLAGGED_DEMERITS;
                    }
                    let fit = fitness_class(ratio);
                    if fit.abs_diff(node.fitness) > 1 {
                        d += FITNESS_DEMERITS;
                    }
                    d += node.demerits;
                    if best[fit].is_none_or(|(bd, _, _)| d < bd) {
                        best[fit] = Some((d, a, ratio));
                    }
                }
            }
            active = still_active;
            // Totals after the break: glue and penalties at the start of a line vanish.
            let mut after = sum;
            for (j, next) in items.iter().enumerate().skip(i) {
                match next {
                    Item::Box { .. } => break,
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    } => {
                        after.width += width;
                        after.stretch += stretch;
                        after.shrink += shrink;
                    }
                    Item::Penalty { penalty, .. } if *penalty <= -INFINITY && j > i => break,
                    Item::Penalty { .. } => {}
                }
            }
            for (fit, b) in best.iter().enumerate() {
                if let Some((d, from, ratio)) = *b {
                    nodes.push(Node {
                        position: i,
                        line: nodes[from].line + 1,
                        fitness: fit,
                        totals: after,
                        demerits: d,
                        previous: Some(from),
                        ratio,
                    });
                    active.push(nodes.len() - 1);
                }
            }
            if active.is_empty() {
                return None;
            }
        }
        if let Item::Glue {
            width,
            stretch,
            shrink,
        } = item
        {
            sum.width += width;
            sum.stretch += stretch;
            sum.shrink += shrink;
        } else if let Item::Box { width } = item {
            sum.width += width;
        }
    }

    let last = items.len() - 1;
    let best = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].position == last)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let demerits = nodes[best].demerits;
    let mut chain = Vec::new();
    let mut cur = Some(best);
    while let Some(n) = cur {
        if nodes[n].previous.is_some() {
            chain.push(n);
        }
        cur = nodes[n].previous;
    }
    chain.reverse();
    let mut lines = Vec::with_capacity(chain.len());
    let mut start = 0;
    for n in chain {
        let node = &nodes[n];
        lines.push(Line {
            start,
            end: node.position,
            ratio: node.ratio,
            hyphenated: matches!(items[node.position], Item::Penalty { width, .. } if width > 0.0),
        });
        start = next_line_start(items, node.position);
    }
    Some(Breaks { lines, demerits })
}

/// First item of the line after a break at `pos`: discardable items vanish.
fn next_line_start(items: &[Item], pos: usize) -> usize {
    let mut s = pos + 1;
    while s < items.len() && !matches!(items[s], Item::Box { .. }) {
        if matches!(items[s], Item::Penalty { penalty, .. } if penalty <= -INFINITY) {
            break;
        }
        s += 1;
    }
    s
}

/// First-fit breaking: each line takes as much as fits (shrinking if needed).
/// Used for ragged text and as the baseline in tests of the optimal breaker.
pub fn greedy(items: &[Item], width: f32) -> Breaks {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<(usize, f32)> = None;
    let mut sum = Sums::default();
    let mut i = 0;
    while i < items.len() {
        if is_break(items, i) {
            let (pw, penalty, _) = penalty_of(&items[i]);
            let ratio = adjustment_ratio(sum.width + pw, sum.stretch, sum.shrink, width);
            if ratio >= -1.0 {
                last_fit = Some((i, ratio));
                if penalty <= -INFINITY {
                    let r = ratio.clamp(-1.0, 0.0);
                    lines.push(Line {
                        start,
                        end: i,
                        ratio: r,
                        hyphenated: false,
                    });
                    start = next_line_start(items, i);
                    (sum, last_fit, i) = (Sums::default(), None, start);
                    continue;
                }
            } else if let Some((at, r)) = last_fit {
                lines.push(Line {
                    start,
                    end: at,
                    ratio: r,
                    hyphenated: matches!(items[at], Item::Penalty { width, .. } if width > 0.0),
                });
                start = next_line_start(items, at);
                (sum, last_fit, i) = (Sums::default(), None, start);
                continue;
            }
        }
        match &items[i] {
            Item::Box { width } => sum.width += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } if i > start => {
                sum.width += width;
                sum.stretch += stretch;
                sum.shrink += shrink;
            }
            _ => {}
        }
        i += 1;
    }
    let demerits = score(items, width, &lines);
    Breaks { lines, demerits }
}

/// Total demerits of any set of lines, exactly as the optimal breaker counts
/// them (badness, penalties, consecutive hyphens, fitness-class jumps), so
/// breakers can be compared.
pub fn score(items: &[Item], width: f32, lines: &[Line]) -> f32 {
    let mut total = 0.0;
    let mut prev_fitness = 1;
    let mut prev_flagged = false;
    for line in lines {
        let mut sums = Sums::default();
        for item in &items[line.start..line.end] {
            match item {
                Item::Box { width } => sums.width += width,
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    sums.width += width;
                    sums.stretch += stretch;
                    sums.shrink += shrink;
                }
                Item::Penalty { .. } => {}
            }
        }
        let (pw, penalty, flagged) = penalty_of(&items[line.end]);
        let ratio = adjustment_ratio(sums.width + pw, sums.stretch, sums.shrink, width);
        let mut d = line_demerits(ratio, penalty);
        if flagged && prev_flagged {
            d += FLAGGED_DEMERITS;
        }
        let fitness = fitness_class(ratio);
        if fitness.abs_diff(prev_fitness) > 1 {
            d += FITNESS_DEMERITS;
        }
        total += d;
        prev_fitness = fitness;
        prev_flagged = flagged;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(lengths: &[f32]) -> Vec<Item> {
        let mut items = Vec::new();
        for (k, w) in lengths.iter().enumerate() {
            if k > 0 {
                items.push(Item::Glue {
                    width: 3.0,
                    stretch: 1.5,
                    shrink: 1.0,
                });
            }
            items.push(Item::Box { width: *w });
        }
        items.extend(forced_break());
        items
    }

    fn natural_width(items: &[Item], line: &Line) -> f32 {
        items[line.start..line.end]
            .iter()
            .map(|i| match i {
                Item::Box { width } | Item::Glue { width, .. } => *width,
                Item::Penalty { .. } => 0.0,
            })
            .sum()
    }

    #[test]
    fn every_item_lands_on_exactly_one_line() {
        let items = words(&[20.0, 35.0, 12.0, 40.0, 18.0, 25.0, 30.0, 9.0, 44.0]);
        let breaks = optimal(&items, 100.0).expect("feasible");
        let boxes: usize = breaks
            .lines
            .iter()
            .map(|l| {
                items[l.start..l.end]
                    .iter()
                    .filter(|i| matches!(i, Item::Box { .. }))
                    .count()
            })
            .sum();
        assert_eq!(boxes, 9);
        for l in &breaks.lines {
            assert!(natural_width(&items, l) <= 100.0 + 1.0 * 4.0 + 0.01);
        }
    }

    #[test]
    fn greedy_and_optimal_agree_on_a_single_line() {
        let items = words(&[10.0, 10.0]);
        assert_eq!(greedy(&items, 100.0).lines.len(), 1);
        assert_eq!(optimal(&items, 100.0).expect("fits").lines.len(), 1);
    }

    #[test]
    fn a_box_wider_than_the_measure_has_no_solution() {
        let items = words(&[150.0]);
        assert!(optimal(&items, 100.0).is_none());
    }
}
