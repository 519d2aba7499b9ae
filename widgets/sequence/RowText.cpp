#include "RowText.h"

#include "FeatureColors.h"
#include "bio/GeneticCode.h"
#include "bio/Record.h"
#include "bio/Sequence.h"
#include "models/sequence/FeatureIndex.h"

#include <algorithm>

namespace benchtop::widgets::rowtext {

unsigned char ColorStyles::bar(const QColor &color)
{
    for (const Entry &entry : std::as_const(m_entries))
        if (entry.color == color)
            return entry.bar;
    if ((qsizetype(m_entries.size()) + 1) * 3 + FirstColorStyle > m_capacity)
        return m_entries.isEmpty() ? static_cast<unsigned char>(Plain)
                                   : m_entries.last().bar; // palette full: share the last
    const Entry entry{color, static_cast<unsigned char>(FirstColorStyle + m_entries.size() * 3)};
    m_entries.append(entry);
    m_new.append(entry);
    return entry.bar;
}

QList<ColorStyles::Entry> ColorStyles::takeNew()
{
    return std::exchange(m_new, {});
}

void LineBuilder::put(int column, QChar c, unsigned char style)
{
    if (column < 0 || column >= width())
        return;
    // A line break or tab in a name would break the annotation's lines or its cells.
    m_cells[column] = c.category() == QChar::Other_Control ? QChar(u' ') : c;
    m_styles[column] = style;
}

void LineBuilder::put(int column, QStringView text, unsigned char style)
{
    for (qsizetype i = 0; i < text.size(); ++i)
        put(column + int(i), text[i], style);
}

void LineBuilder::fill(int from, int to, unsigned char style)
{
    for (int column = std::max(0, from); column < std::min(to, width()); ++column) {
        m_cells[column] = u' ';
        m_styles[column] = style;
    }
}

bool LineBuilder::isBlank() const
{
    return std::all_of(m_styles.cbegin(), m_styles.cend(),
                       [](unsigned char s) { return s == Plain; }) &&
           std::all_of(m_cells.cbegin(), m_cells.cend(), [](QChar c) { return c == u' '; });
}

StyledLine LineBuilder::line() const
{
    int end = width();
    while (end > 0 && m_cells[end - 1] == u' ' && m_styles[end - 1] == Plain)
        --end;
    StyledLine out;
    out.text.reserve(end);
    out.styles.reserve(end);
    for (int i = 0; i < end; ++i) {
        const QChar c = m_cells[i];
        if (c.unicode() < 0x80) {
            out.text.append(char(c.unicode()));
            out.styles.append(char(m_styles[i]));
        } else {
            const QByteArray utf8 = QString(c).toUtf8();
            out.text.append(utf8);
            out.styles.append(QByteArray(utf8.size(), char(m_styles[i])));
        }
    }
    return out;
}

StyledLine join(const QList<StyledLine> &lines)
{
    StyledLine out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            out.text.append('\n');
            out.styles.append(char(Plain));
        }
        out.text.append(lines[i].text);
        out.styles.append(lines[i].styles);
    }
    return out;
}

namespace {

qint64 rowEnd(const RowOptions &o, qint64 rowStart)
{
    return std::min<qint64>(rowStart + o.perRow, o.record->sequence.size());
}

} // namespace

QByteArray basesText(const RowOptions &o, qint64 rowStart)
{
    const QByteArray &sequence = o.record->sequence;
    const qint64 end = rowEnd(o, rowStart);
    QByteArray text;
    text.reserve(textWidth(o.perRow));
    for (qint64 p = rowStart; p < end; p += kGroup) {
        if (p > rowStart)
            text.append(' ');
        text.append(sequence.constData() + p, std::min<qint64>(kGroup, end - p));
    }
    return text;
}

QList<StyledLine> linesAbove(const RowOptions &o, qint64 rowStart)
{
    const qint64 end = rowEnd(o, rowStart);
    const int count = int(end - rowStart);
    const int width = textWidth(o.perRow) + 8;
    QList<StyledLine> lines;
    if (o.sites && !o.protein) {
        // "↓Name" with the arrow over the first base after the cut; a name that would run into
        // the previous one is left out (the maps list every site).
        LineBuilder sites(width);
        const bool last = end == o.record->sequence.size();
        auto it = std::lower_bound(o.sites->cbegin(), o.sites->cend(), rowStart,
                                   [](const Site &s, qint64 p) { return s.cut < p; });
        int free = 0;
        for (; it != o.sites->cend() && (it->cut < end || (last && it->cut == end)); ++it) {
            const int column = startColumn(int(it->cut - rowStart));
            if (column < free)
                continue;
            sites.put(column, u'↓', Cut);
            sites.put(column + 1, it->name, Cut);
            free = column + 2 + int(it->name.size());
        }
        lines.append(sites.line());
    }
    // Ruler: the number of each block's last base, ending over that base.
    LineBuilder ruler(width);
    int free = 0;
    for (int column = kGroup - 1; column < count; column += kGroup) {
        const QString number = QString::number(rowStart + column + 1);
        const int right = startColumn(column);
        const int left = right - int(number.size()) + 1;
        if (left < free)
            continue;
        ruler.put(left, number, Dim);
        free = right + 2;
    }
    lines.append(ruler.line());
    return lines;
}

namespace {

void complementLine(const RowOptions &o, qint64 rowStart, QList<StyledLine> &lines)
{
    const QByteArray bases = basesText(o, rowStart);
    const bio::Alphabet alphabet =
        o.record->kind == bio::MoleculeKind::Rna ? bio::Alphabet::Rna : bio::Alphabet::Dna;
    StyledLine line;
    line.text.resize(bases.size());
    for (qsizetype i = 0; i < bases.size(); ++i)
        line.text[i] = bases[i] == ' ' ? ' ' : bio::complement(bases[i], alphabet);
    line.styles = QByteArray(bases.size(), char(Dim));
    lines.append(line);
}

// Frame f reads codons from base f-1; frame -f the same codons on the other strand (EMBOSS's
// default), so the letters of f and -f stand over the same bases.
void frameLines(const RowOptions &o, qint64 rowStart, QList<StyledLine> &lines)
{
    const QByteArray &sequence = o.record->sequence;
    const qint64 end = rowEnd(o, rowStart);
    for (int frame : o.frames) {
        LineBuilder line(textWidth(o.perRow));
        const int phase = std::abs(frame) - 1;
        qint64 codon = rowStart - ((rowStart - phase) % 3 + 3) % 3;
        for (; codon < end; codon += 3) {
            const qint64 middle = codon + 1;
            if (codon < 0 || codon + 3 > sequence.size() || middle < rowStart || middle >= end)
                continue;
            const char aa = frame > 0 ? o.code->translateCodon(sequence.constData() + codon)
                                      : o.code->translateReverseCodon(sequence.constData() + codon);
            line.put(startColumn(int(middle - rowStart)), QLatin1Char(aa), Frame);
        }
        lines.append(line.line());
    }
}

struct Piece
{
    qsizetype feature;
    qint64 from;
    qint64 to;
    const bio::Span *span;
};

// Amino acids of a CDS piece over the middle base of each codon, in the CDS's own frame.
void codonLetters(const RowOptions &o, const bio::Feature &feature, const Piece &piece,
                  qint64 rowStart, LineBuilder &lane, unsigned char style)
{
    const QByteArray &sequence = o.record->sequence;
    qint64 before = 0;
    for (const bio::Span &span : feature.location.spans) {
        if (&span == piece.span)
            break;
        before += span.length();
    }
    // A CDS that starts with a partial codon says where its first whole codon begins
    // (/codon_start=2 or 3, GenBank's reading frame of a 5'-partial CDS).
    const qint64 skip =
        std::clamp(feature.qualifier(QStringLiteral("codon_start")).toInt(), 1, 3) - 1;
    const bool reverse = piece.span->strand == bio::Strand::Reverse;
    for (qint64 p = piece.from; p < piece.to; ++p) {
        const qint64 coding =
            before + (reverse ? piece.span->end - 1 - p : p - piece.span->start) - skip;
        if (coding < 0 || coding % 3 != 1 || p - 1 < piece.span->start || p + 2 > piece.span->end)
            continue; // not a codon's middle base, or a codon split between spans
        const char aa = reverse ? o.code->translateReverseCodon(sequence.constData() + p - 1)
                                : o.code->translateCodon(sequence.constData() + p - 1);
        lane.put(startColumn(int(p - rowStart)), QLatin1Char(aa), style);
    }
}

void laneLines(const RowOptions &o, qint64 rowStart, ColorStyles &colors, QList<StyledLine> &lines)
{
    const bio::Record &record = *o.record;
    const qint64 end = rowEnd(o, rowStart);
    QList<Piece> pieces;
    for (qsizetype index : o.features->overlapping(rowStart, std::max(end, rowStart + 1))) {
        const bio::Feature &feature = record.features[index];
        if (feature.type == u"source")
            continue; // the whole record: it would take a lane on every row
        for (const bio::Span &span : feature.location.spans)
            if (span.start < end && span.end > rowStart)
                pieces.append(
                    {index, std::max(span.start, rowStart), std::min(span.end, end), &span});
    }
    // Features before primers (a primer site rarely hides a CDS), then by start, longest first.
    std::stable_sort(pieces.begin(), pieces.end(), [&record](const Piece &a, const Piece &b) {
        const bool aPrimer = record.features[a.feature].type == u"primer_bind";
        const bool bPrimer = record.features[b.feature].type == u"primer_bind";
        if (aPrimer != bPrimer)
            return bPrimer;
        return a.from != b.from ? a.from < b.from : a.to - a.from > b.to - b.from;
    });
    const int width = textWidth(o.perRow) + 6;
    QList<LineBuilder> lanes;
    QList<int> laneFree;
    int hidden = 0;
    for (const Piece &piece : std::as_const(pieces)) {
        const bio::Feature &feature = record.features[piece.feature];
        const int c0 = startColumn(int(piece.from - rowStart));
        const int c1 = endColumn(int(piece.to - rowStart)); // exclusive
        const QString label = feature.displayName();
        const bool cds = feature.type == u"CDS" && !o.protein;
        const int room = std::max(0, c1 - c0 - 2); // between the ends of the bar
        // A short feature (all of its span on this row) whose name does not fit in its bar
        // has the name beside it: after the bar, or before it when the row ends first and the
        // lane is free there, or after it cut short with an ellipsis; it keeps the lane busy
        // that far. A feature that goes on to the next row shows what fits inside, and a CDS
        // its amino acids.
        const bool whole = piece.from == piece.span->start && piece.to == piece.span->end;
        int lane = 0;
        while (lane < lanes.size() && laneFree[lane] > c0)
            ++lane;
        const int laneStart = lane < laneFree.size() ? laneFree[lane] : 0;
        QString beside;
        int labelAt = c1 + 1;
        if (!cds && label.size() > room && whole) {
            beside = label;
            if (labelAt + int(label.size()) > width) {
                if (c0 - 1 - int(label.size()) >= laneStart)
                    labelAt = c0 - 1 - int(label.size());
                else if (width - labelAt >= 5)
                    beside = label.left(width - labelAt - 2) + u'…';
                else
                    beside.clear();
            }
        }
        const bool outside = !beside.isEmpty();
        const int labelEnd = outside ? std::max(c1, labelAt + int(beside.size())) : c1;
        if (lane == o.maxLanes) {
            ++hidden;
            continue;
        }
        if (lane == lanes.size()) {
            lanes.append(LineBuilder(width));
            laneFree.append(0);
        }
        laneFree[lane] = labelEnd + 1;
        LineBuilder &line = lanes[lane];
        const unsigned char bar = colors.bar(featureColor(feature));
        line.fill(c0, c1, bar);
        // Arrows at the ends of spans, but not where a feature goes on across the origin of a
        // circular record (its spans split at 0: ...length) then [0...).
        const bio::Strand strand = piece.span->strand;
        const QList<bio::Span> &spans = feature.location.spans;
        const qsizetype spanIndex = piece.span - spans.constData();
        const bio::Span *next = spanIndex + 1 < spans.size() ? &spans[spanIndex + 1] : nullptr;
        const qint64 length = record.sequence.size();
        if (strand == bio::Strand::Forward && piece.to == piece.span->end &&
            !(next && piece.span->end == length && next->start == 0))
            line.put(c1 - 1, u'►', bar);
        else if (strand == bio::Strand::Reverse && piece.from == piece.span->start &&
                 !(next && piece.span->start == 0 && next->end == length))
            line.put(c0, u'◄', bar);
        if (cds) {
            codonLetters(o, feature, piece, rowStart, line, bar);
            if (piece.from == feature.location.start())
                line.put(c0 + 1, QStringView(label).left(room), bar + 1);
        } else if (outside) {
            line.put(labelAt, beside, bar + 2);
        } else if (label.size() <= room) {
            line.put(c0 + 1, label, bar);
        } else if (room >= 4) { // a row inside a long feature: as much of its name as fits
            line.put(c0 + 1, QStringView(label).left(room - 1), bar);
            line.put(c0 + room, u'…', bar);
        }
    }
    if (hidden > 0 && !lanes.isEmpty())
        lanes.last().put(textWidth(o.perRow) + 1, QStringLiteral("+%1").arg(hidden), Dim);
    for (const LineBuilder &lane : std::as_const(lanes))
        lines.append(lane.line());
}

} // namespace

QList<StyledLine> linesBelow(const RowOptions &o, qint64 rowStart, ColorStyles &colors)
{
    QList<StyledLine> lines;
    if (!o.protein && o.complement)
        complementLine(o, rowStart, lines);
    if (!o.protein && !o.frames.isEmpty())
        frameLines(o, rowStart, lines);
    laneLines(o, rowStart, colors, lines);
    return lines;
}

} // namespace benchtop::widgets::rowtext
