//! The trained tagger: weights per (feature, label), label transitions, the training names
//! gazetteer, and Viterbi decoding over BILOU labels (`B-`egin, `I-`nside, `L-`ast, `U-`nit
//! per type, and `O`). The file format is a small binary, deflate-compressed: sorted feature
//! keys as varint deltas, and per feature the labels it weighs with 16-bit weights.

use std::io::{Read, Write};

use ahash::AHashMap;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::conll::{type_index, Document, EntitySpan, TYPES};
use crate::error::{Error, Result};
use crate::features::{document_features, Gazetteer, SentenceFeatures};

/// `O` and B/I/L/U for each of the four types.
pub(crate) const LABELS: usize = 17;
const MAGIC: &[u8; 8] = b"WTNER\x00\x00\x01";

pub(crate) fn label(kind: usize, pos: usize) -> usize {
    1 + kind * 4 + pos
}

/// Position (0 B, 1 I, 2 L, 3 U) and type of a non-`O` label.
fn split(label: usize) -> Option<(usize, usize)> {
    (label > 0).then(|| ((label - 1) % 4, (label - 1) / 4))
}

/// Whether `next` may follow `prev` (`None` = sentence start / end).
pub(crate) fn allowed(prev: Option<usize>, next: Option<usize>) -> bool {
    let open = prev.and_then(split).filter(|(p, _)| *p < 2).map(|(_, t)| t);
    match (open, next.map(split)) {
        (Some(t), Some(Some((p, u)))) => u == t && (p == 1 || p == 2),
        (Some(_), _) => false,
        (None, None) => true,
        (None, Some(None)) => true,
        (None, Some(Some((p, _)))) => p == 0 || p == 3,
    }
}

/// BILOU labels of a sentence's entities.
pub(crate) fn labels_of(len: usize, entities: &[EntitySpan]) -> Vec<u8> {
    let mut out = vec![0u8; len];
    for e in entities {
        let t = type_index(e.kind);
        if e.range.len() == 1 {
            out[e.range.start] = label(t, 3) as u8;
            continue;
        }
        for i in e.range.clone() {
            let pos = if i == e.range.start {
                0
            } else if i + 1 == e.range.end {
                2
            } else {
                1
            };
            out[i] = label(t, pos) as u8;
        }
    }
    out
}

/// Entities of a BILOU label sequence (well formed, as Viterbi gives them).
pub(crate) fn spans_of(labels: &[u8]) -> Vec<EntitySpan> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &l) in labels.iter().enumerate() {
        match split(l as usize) {
            Some((0, _)) => start = Some(i),
            Some((3, t)) => out.push(EntitySpan { range: i..i + 1, kind: TYPES[t] }),
            Some((2, t)) => {
                if let Some(s) = start.take() {
                    out.push(EntitySpan { range: s..i + 1, kind: TYPES[t] });
                }
            }
            _ => {}
        }
    }
    out
}

/// Scores for decoding: dense rows of `LABELS` weights per known feature.
pub(crate) trait Scorer {
    fn row(&self, key: u32) -> Option<&[f32]>;
    /// `trans[(prev + 1) * LABELS + next]`, `prev + 1 == 0` at the sentence start.
    fn transitions(&self) -> &[f32];
}

/// Viterbi under the BILOU constraints.
pub(crate) fn viterbi(scorer: &impl Scorer, feats: &SentenceFeatures, out: &mut Vec<u8>) {
    let n = feats.len();
    out.clear();
    if n == 0 {
        return;
    }
    let trans = scorer.transitions();
    let mut emit = vec![0f32; n * LABELS];
    for i in 0..n {
        let e = &mut emit[i * LABELS..(i + 1) * LABELS];
        for &k in feats.token(i) {
            if let Some(row) = scorer.row(k) {
                for (a, b) in e.iter_mut().zip(row) {
                    *a += b;
                }
            }
        }
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut score = vec![NEG; n * LABELS];
    let mut back = vec![0u8; n * LABELS];
    for l in 0..LABELS {
        if allowed(None, Some(l)) {
            score[l] = emit[l] + trans[l];
        }
    }
    for i in 1..n {
        for l in 0..LABELS {
            let mut best = NEG;
            let mut arg = 0;
            for p in 0..LABELS {
                let s = score[(i - 1) * LABELS + p];
                if s == NEG || !ALLOWED[p][l] {
                    continue;
                }
                let s = s + trans[(p + 1) * LABELS + l];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            if best > NEG {
                score[i * LABELS + l] = best + emit[i * LABELS + l];
                back[i * LABELS + l] = arg as u8;
            }
        }
    }
    let last = (0..LABELS)
        .filter(|&l| allowed(Some(l), None))
        .max_by(|&a, &b| score[(n - 1) * LABELS + a].total_cmp(&score[(n - 1) * LABELS + b]))
        .unwrap_or(0);
    out.resize(n, 0);
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i * LABELS + out[i] as usize];
    }
}

static ALLOWED: once_cell::sync::Lazy<[[bool; LABELS]; LABELS]> = once_cell::sync::Lazy::new(|| {
    let mut a = [[false; LABELS]; LABELS];
    for (p, row) in a.iter_mut().enumerate() {
        for (n, cell) in row.iter_mut().enumerate() {
            *cell = allowed(Some(p), Some(n));
        }
    }
    a
});

/// A trained named-entity tagger.
pub struct Model {
    pub(crate) gazetteer: Gazetteer,
    pub(crate) index: AHashMap<u32, u32>,
    pub(crate) weights: Vec<f32>,
    pub(crate) trans: Vec<f32>,
}

impl Scorer for Model {
    fn row(&self, key: u32) -> Option<&[f32]> {
        let &i = self.index.get(&key)?;
        let i = i as usize * LABELS;
        Some(&self.weights[i..i + LABELS])
    }

    fn transitions(&self) -> &[f32] {
        &self.trans
    }
}

impl Model {
    /// Number of features the model weighs.
    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// The entities of each sentence of a document.
    pub fn tag_document(&self, doc: &Document) -> Vec<Vec<EntitySpan>> {
        let feats = document_features(doc, &self.gazetteer);
        let mut labels = Vec::new();
        feats
            .iter()
            .map(|f| {
                viterbi(self, f, &mut labels);
                spans_of(&labels)
            })
            .collect()
    }

    /// The compressed model file.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        let mut gaz: Vec<(u64, u8)> = self.gazetteer.entries.iter().map(|(k, v)| (*k, *v)).collect();
        gaz.sort_unstable();
        put_varint(&mut raw, gaz.len() as u64);
        for (k, v) in &gaz {
            raw.extend_from_slice(&k.to_le_bytes());
            raw.push(*v);
        }
        for t in &self.trans {
            raw.extend_from_slice(&t.to_le_bytes());
        }
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / 32767.0;
        raw.extend_from_slice(&scale.to_le_bytes());
        let mut keys: Vec<(u32, u32)> = self.index.iter().map(|(k, i)| (*k, *i)).collect();
        keys.sort_unstable();
        put_varint(&mut raw, keys.len() as u64);
        let mut prev = 0u32;
        for &(k, _) in &keys {
            put_varint(&mut raw, u64::from(k - prev));
            prev = k;
        }
        for &(_, i) in &keys {
            let row = &self.weights[i as usize * LABELS..(i as usize + 1) * LABELS];
            let q: Vec<i16> = row.iter().map(|w| (w / scale).round() as i16).collect();
            let mask = q.iter().enumerate().fold(0u64, |m, (l, w)| if *w != 0 { m | 1 << l } else { m });
            put_varint(&mut raw, mask);
            for w in q.iter().filter(|w| **w != 0) {
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut enc = GzEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&raw)?;
        Ok(enc.finish()?)
    }

    /// Reads a file written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let mut raw = Vec::new();
        GzDecoder::new(bytes).read_to_end(&mut raw).map_err(|e| Error::Model(e.to_string()))?;
        let mut r = Reader { buf: &raw, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(Error::Model("not a wiretrace NER model (bad magic)".into()));
        }
        let n_gaz = r.varint()? as usize;
        let mut entries = AHashMap::with_capacity(n_gaz);
        for _ in 0..n_gaz {
            let k = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
            let v = r.take(1)?[0];
            entries.insert(k, v);
        }
        let mut trans = Vec::with_capacity((LABELS + 1) * LABELS);
        for _ in 0..(LABELS + 1) * LABELS {
            trans.push(r.f32()?);
        }
        let scale = r.f32()?;
        let n = r.varint()? as usize;
        let mut index = AHashMap::with_capacity(n);
        let mut prev = 0u64;
        for i in 0..n {
            prev += r.varint()?;
            let key = u32::try_from(prev).map_err(|_| Error::Model("feature key out of range".into()))?;
            index.insert(key, i as u32);
        }
        let mut weights = vec![0f32; n * LABELS];
        for i in 0..n {
            let mask = r.varint()?;
            for l in 0..LABELS {
                if mask & (1 << l) != 0 {
                    let q = i16::from_le_bytes(r.take(2)?.try_into().expect("2 bytes"));
                    weights[i * LABELS + l] = f32::from(q) * scale;
                }
            }
        }
        Ok(Model { gazetteer: Gazetteer { entries }, index, weights, trans })
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'b> {
    buf: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8]> {
        let s = self.buf.get(self.at..self.at + n).ok_or_else(|| Error::Model("truncated".into()))?;
        self.at += n;
        Ok(s)
    }

    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(Error::Model("varint too long".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::EntityKind;

    #[test]
    fn bilou_round_trips_and_constraints_hold() {
        let spans = vec![
            EntitySpan { range: 0..1, kind: EntityKind::Person },
            EntitySpan { range: 2..5, kind: EntityKind::Organization },
        ];
        let labels = labels_of(6, &spans);
        assert_eq!(spans_of(&labels), spans);
        assert!(allowed(None, Some(label(0, 0))));
        assert!(!allowed(None, Some(label(0, 1))));
        assert!(!allowed(Some(label(0, 0)), Some(label(1, 2))));
        assert!(allowed(Some(label(1, 1)), Some(label(1, 2))));
        assert!(!allowed(Some(label(1, 1)), None));
        assert!(allowed(Some(label(1, 2)), Some(0)));
    }

    #[test]
    fn a_model_survives_its_file_format() {
        let mut index = AHashMap::new();
        index.insert(7u32, 0u32);
        index.insert(3u32, 1u32);
        let mut weights = vec![0f32; 2 * LABELS];
        weights[1] = 2.5;
        weights[LABELS + 16] = -1.25;
        let mut gazetteer = Gazetteer::default();
        gazetteer.entries.insert(42, 3);
        let trans = (0..(LABELS + 1) * LABELS).map(|i| i as f32 / 10.0).collect();
        let m = Model { gazetteer, index, weights, trans };
        let back = Model::from_bytes(&m.to_bytes().unwrap()).unwrap();
        assert!((back.row(7).unwrap()[1] - 2.5).abs() < 1e-3);
        assert!((back.row(3).unwrap()[16] + 1.25).abs() < 1e-3);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.gazetteer.entries.get(&42), Some(&3));
        assert!(Model::from_bytes(b"nope").is_err());
    }
}
