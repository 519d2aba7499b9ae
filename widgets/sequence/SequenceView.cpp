#include "SequenceView.h"

#include "FeatureColors.h"
#include "bio/GeneticCode.h"
#include "bio/RestrictionScanner.h"
#include "bio/Translation.h"
#include "models/sequence/SequenceClipboard.h"
#include "models/sequence/SequenceDocument.h"

#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QtConcurrent>

#include <algorithm>

namespace benchtop::widgets {

namespace {
constexpr int kGroup = 10; // bases per block; a small gap between blocks

QList<bio::RestrictionEnzyme> enzymesFor(SequenceView::EnzymeSet set)
{
    bio::EnzymeFilter filter;
    filter.commercialOnly = true;
    // Listing every 4-cutter site of a genome helps no one: "all" means sites of 6 or more.
    filter.minimumSiteLength = set == SequenceView::EnzymeSet::All ? 6 : 5;
    static const QList<bio::RestrictionEnzyme> commercial =
        bio::RestrictionCatalogue::builtin().select(filter);
    return commercial;
}
} // namespace

SequenceView::SequenceView(models::SequenceDocument *document, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_document(document)
    , m_code(&bio::GeneticCode::standard())
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSize(10);
    setFont(mono);
    verticalScrollBar()->setSingleStep(1);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scanDelay.setSingleShot(true);
    m_scanDelay.setInterval(250);
    connect(&m_scanDelay, &QTimer::timeout, this, &SequenceView::startScan);
    connect(&m_scan, &QFutureWatcher<QList<Site>>::finished, this, [this] {
        m_sites = m_scan.result();
        viewport()->update();
        Q_EMIT restrictionSitesReady();
        if (m_scannedRevision != m_document->revision())
            scheduleScan();
    });
    connect(document, &models::SequenceDocument::changed, this, [this] {
        updateScrollRange();
        scheduleScan();
        viewport()->update();
    });
    connect(document, &models::SequenceDocument::selectionChanged, this,
            [this] { viewport()->update(); });
    relayout();
    startScan();
}

SequenceView::~SequenceView()
{
    m_scan.waitForFinished();
}

void SequenceView::setShowComplement(bool show)
{
    if (m_showComplement == show)
        return;
    m_showComplement = show;
    relayout();
    Q_EMIT showComplementChanged(show);
}

void SequenceView::setFrames(Frames frames)
{
    if (m_frames == frames)
        return;
    m_frames = frames;
    relayout();
    Q_EMIT framesChanged(frames);
}

void SequenceView::setGeneticCode(int ncbiId)
{
    if (const bio::GeneticCode *code = bio::GeneticCode::byId(ncbiId))
        m_code = code;
    viewport()->update();
}

int SequenceView::geneticCode() const
{
    return m_code->id();
}

void SequenceView::setEnzymeSet(EnzymeSet set)
{
    m_enzymeSet = set;
    m_scannedRevision = ~0ULL;
    if (set == EnzymeSet::None)
        m_sites.clear();
    relayout();
    startScan();
}

void SequenceView::setHighlights(QList<bio::SearchHit> hits)
{
    m_hits = std::move(hits);
    m_longestHit = 0;
    for (const bio::SearchHit &hit : std::as_const(m_hits))
        m_longestHit = std::max(m_longestHit, hit.end - hit.start);
    viewport()->update();
}

void SequenceView::relayout()
{
    const QFontMetrics metrics(font());
    m_charWidth = metrics.horizontalAdvance(QLatin1Char('M'));
    m_lineHeight = metrics.height();
    m_margin = metrics.horizontalAdvance(QStringLiteral("0000000000")) + 8;
    const int gap = m_charWidth / 2;
    const int usable = viewport()->width() - m_margin - 2 * m_charWidth;
    const int blocks = std::max(1, (usable + gap) / (kGroup * m_charWidth + gap));
    m_perRow = blocks * kGroup;
    const bool nucleotide = !m_document->isProtein();
    int lines = 2; // ruler and bases
    if (nucleotide && m_enzymeSet != EnzymeSet::None)
        ++lines;
    if (nucleotide && m_showComplement)
        ++lines;
    if (nucleotide)
        lines += m_frames == Frames::All       ? 6
                 : m_frames == Frames::Forward ? 3
                 : m_frames == Frames::Frame1  ? 1
                                               : 0;
    m_rowHeight = lines * m_lineHeight + m_lanes * (m_lineHeight + 3) + 8;
    updateScrollRange();
    viewport()->update();
}

void SequenceView::updateScrollRange()
{
    const qint64 rows = (m_document->length() + m_perRow) / m_perRow; // a row for the end caret
    const int visible = std::max(1, viewport()->height() / m_rowHeight);
    verticalScrollBar()->setRange(0, int(std::max<qint64>(0, rows - visible)));
    verticalScrollBar()->setPageStep(visible);
}

qint64 SequenceView::firstVisibleBase() const
{
    return qint64(verticalScrollBar()->value()) * m_perRow;
}

void SequenceView::scrollToBase(qint64 position)
{
    verticalScrollBar()->setValue(int(position / m_perRow));
}

void SequenceView::ensureVisible(qint64 position)
{
    const qint64 row = position / m_perRow;
    const int first = verticalScrollBar()->value();
    const int visible = std::max(1, viewport()->height() / m_rowHeight);
    if (row < first)
        verticalScrollBar()->setValue(int(row));
    else if (row >= first + visible)
        verticalScrollBar()->setValue(int(row - visible + 1));
}

int SequenceView::xOf(int column) const
{
    return m_margin + column * m_charWidth + (column / kGroup) * (m_charWidth / 2);
}

qint64 SequenceView::positionAt(QPoint point) const
{
    const qint64 row = verticalScrollBar()->value() + point.y() / m_rowHeight;
    const int blockWidth = kGroup * m_charWidth + m_charWidth / 2;
    const int x = std::max(0, point.x() - m_margin);
    const int block = x / blockWidth;
    const int within = std::min(kGroup, (x - block * blockWidth + m_charWidth / 2) / m_charWidth);
    const int column = std::min(m_perRow, block * kGroup + within);
    return std::clamp<qint64>(row * m_perRow + column, 0, m_document->length());
}

void SequenceView::resizeEvent(QResizeEvent *event)
{
    const qint64 top = firstVisibleBase();
    QAbstractScrollArea::resizeEvent(event);
    relayout();
    scrollToBase(top);
}

void SequenceView::scheduleScan()
{
    if (!m_scan.isRunning())
        m_scanDelay.start();
}

void SequenceView::startScan()
{
    if (m_scan.isRunning()) {
        m_scanDelay.start();
        return;
    }
    m_scannedRevision = m_document->revision();
    if (m_document->isProtein() || m_enzymeSet == EnzymeSet::None) {
        m_sites.clear();
        viewport()->update();
        return;
    }
    const QByteArray sequence = m_document->record().sequence;
    const bio::Topology topology = m_document->record().topology;
    const EnzymeSet set = m_enzymeSet;
    m_scan.setFuture(QtConcurrent::run([sequence, topology, set] {
        const bio::RestrictionScanner scanner(enzymesFor(set));
        const bio::ScanOptions options =
            set == EnzymeSet::Unique       ? bio::ScanOptions::uniqueCutters()
            : set == EnzymeSet::TwoCutters ? bio::ScanOptions::twoCutters()
                                           : bio::ScanOptions{};
        const bio::RestrictionMap map = scanner.scan(sequence, topology, options);
        QList<Site> sites;
        for (qsizetype e = 0; e < map.enzymes.size(); ++e)
            for (const bio::RestrictionSite &site : map.sitesOf(e))
                if (site.cutMask & 1)
                    sites.append({map.cut(site, 0).top, map.enzymes[e].name});
        std::sort(sites.begin(), sites.end(),
                  [](const Site &a, const Site &b) { return a.cut < b.cut; });
        return sites;
    }));
}

void SequenceView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    painter.setFont(font());
    const qint64 rows = m_document->length() / m_perRow + 1;
    const qint64 first = verticalScrollBar()->value();
    for (qint64 row = first, top = 0; row < rows && top < viewport()->height();
         ++row, top += m_rowHeight)
        paintRow(painter, row, int(top));
}

void SequenceView::paintRow(QPainter &painter, qint64 row, int top)
{
    const QByteArray &sequence = m_document->record().sequence;
    const qint64 start = row * m_perRow;
    const qint64 end = std::min<qint64>(start + m_perRow, sequence.size());
    const int count = int(end - start);
    const bool nucleotide = !m_document->isProtein();
    const int ascent = QFontMetrics(font()).ascent();
    const QColor dim = palette().color(QPalette::PlaceholderText);
    int y = top;

    // Ruler: the number of the block's last base above every block.
    painter.setPen(dim);
    for (int column = kGroup - 1; column < count; column += kGroup) {
        const QString number = QString::number(start + column + 1);
        const int right = xOf(column) + m_charWidth;
        painter.drawText(right - painter.fontMetrics().horizontalAdvance(number), y + ascent,
                         number);
    }
    y += m_lineHeight;

    // Restriction sites (by their top-strand cut) above the bases.
    if (nucleotide && m_enzymeSet != EnzymeSet::None) {
        auto it = std::lower_bound(m_sites.cbegin(), m_sites.cend(), start,
                                   [](const Site &s, qint64 p) { return s.cut < p; });
        int freeX = 0;
        painter.setPen(QColor(0xb0, 0x30, 0x30));
        for (; it != m_sites.cend() && it->cut < end + (end == sequence.size() ? 1 : 0); ++it) {
            const int x = xOf(int(it->cut - start)) - 1;
            painter.drawLine(x, y + m_lineHeight - 3, x, y + 2 * m_lineHeight);
            if (x >= freeX) {
                painter.drawText(x + 1, y + ascent - 1, it->name);
                freeX = x + painter.fontMetrics().horizontalAdvance(it->name) + m_charWidth;
            }
        }
        y += m_lineHeight;
    }

    // Position number, search hits, selection, bases.
    painter.setPen(dim);
    painter.drawText(QRect(0, y, m_margin - 8, m_lineHeight), Qt::AlignRight | Qt::AlignVCenter,
                     QString::number(start + 1));
    const int strandLines = nucleotide && m_showComplement ? 2 : 1;
    auto shade = [&](qint64 from, qint64 to, const QColor &color) {
        from = std::max(from, start);
        to = std::min(to, end);
        if (from >= to)
            return;
        const int x0 = xOf(int(from - start));
        const int x1 = xOf(int(to - start - 1)) + m_charWidth;
        painter.fillRect(x0, y, x1 - x0, strandLines * m_lineHeight, color);
    };
    if (!m_hits.isEmpty()) {
        auto it = std::lower_bound(m_hits.cbegin(), m_hits.cend(), start - m_longestHit,
                                   [](const bio::SearchHit &h, qint64 p) { return h.start < p; });
        for (; it != m_hits.cend() && it->start < end; ++it) {
            shade(it->start, it->end, QColor(255, 220, 80, 160));
            if (it->end > sequence.size()) // across the origin
                shade(0, it->end - sequence.size(), QColor(255, 220, 80, 160));
        }
    }
    const qint64 selStart = m_document->selectionStart();
    const qint64 selEnd = m_document->selectionEnd();
    QColor selection = palette().color(QPalette::Highlight);
    selection.setAlpha(90);
    shade(selStart, selEnd, selection);
    painter.setPen(palette().color(QPalette::Text));
    for (int column = 0; column < count; column += kGroup) {
        const int n = std::min(kGroup, count - column);
        const QByteArray chunk = sequence.mid(start + column, n);
        painter.drawText(xOf(column), y + ascent, QString::fromLatin1(chunk));
        if (strandLines == 2) {
            painter.setPen(dim);
            QByteArray complement(n, ' ');
            for (int i = 0; i < n; ++i)
                complement[i] = bio::complement(chunk[i], m_document->alphabet());
            painter.drawText(xOf(column), y + m_lineHeight + ascent,
                             QString::fromLatin1(complement));
            painter.setPen(palette().color(QPalette::Text));
        }
    }
    if (selStart == selEnd && selStart >= start && selStart <= end && hasFocus() &&
        (selStart < end || end == sequence.size() || selStart == start)) {
        const int column = int(selStart - start);
        const int x = column == 0 ? xOf(0) - 1
                                  : xOf(column - 1) + m_charWidth + (column % kGroup == 0 ? 1 : 0);
        painter.fillRect(x, y - 1, 2, strandLines * m_lineHeight + 2,
                         palette().color(QPalette::Text));
    }
    y += strandLines * m_lineHeight;

    // Translation frames: frame f reads codons from base f-1; frame -f the same codons on the
    // other strand (EMBOSS's default), so the letters of f and -f stand over the same bases.
    if (nucleotide && m_frames != Frames::None) {
        QList<int> frames = {1};
        if (m_frames != Frames::Frame1)
            frames = {1, 2, 3};
        if (m_frames == Frames::All)
            frames.append({-1, -2, -3});
        painter.setPen(QColor(0x20, 0x60, 0xa0));
        for (int frame : std::as_const(frames)) {
            const int phase = std::abs(frame) - 1;
            qint64 codon = start - ((start - phase) % 3 + 3) % 3;
            for (; codon < end; codon += 3) {
                if (codon < 0 || codon + 3 > sequence.size())
                    continue;
                const char aa = frame > 0
                                    ? m_code->translateCodon(sequence.constData() + codon)
                                    : m_code->translateReverseCodon(sequence.constData() + codon);
                const qint64 middle = codon + 1;
                if (middle < start || middle >= end)
                    continue;
                painter.drawText(xOf(int(middle - start)), y + ascent, QString(QLatin1Char(aa)));
            }
            y += m_lineHeight;
        }
    }
    paintFeatures(painter, start, end, y);
}

int SequenceView::paintFeatures(QPainter &painter, qint64 start, qint64 end, int top)
{
    const bio::Record &record = m_document->record();
    struct Piece
    {
        qsizetype feature;
        qint64 from;
        qint64 to;
        const bio::Span *span;
    };
    QList<Piece> pieces;
    for (qsizetype index :
         m_document->featureIndex().overlapping(start, std::max(end, start + 1))) {
        const bio::Feature &feature = record.features[index];
        if (feature.type == u"source")
            continue; // the whole record: it would take a lane on every row
        for (const bio::Span &span : feature.location.spans)
            if (span.start < end && span.end > start)
                pieces.append({index, std::max(span.start, start), std::min(span.end, end), &span});
    }
    // Features before primers (a primer site rarely hides a CDS), then by start, longest first.
    std::stable_sort(pieces.begin(), pieces.end(), [&record](const Piece &a, const Piece &b) {
        const bool aPrimer = record.features[a.feature].type == u"primer_bind";
        const bool bPrimer = record.features[b.feature].type == u"primer_bind";
        if (aPrimer != bPrimer)
            return bPrimer;
        return a.from != b.from ? a.from < b.from : a.to - a.from > b.to - b.from;
    });
    QList<int> laneFree(m_lanes, 0);
    const int laneHeight = m_lineHeight + 3;
    const int ascent = painter.fontMetrics().ascent();
    int hidden = 0;
    for (const Piece &piece : std::as_const(pieces)) {
        const bio::Feature &feature = record.features[piece.feature];
        const int x0 = xOf(int(piece.from - start));
        const int x1 = xOf(int(piece.to - start - 1)) + m_charWidth;
        const QString label = feature.displayName();
        const bool isCds = feature.type == u"CDS" && !m_document->isProtein();
        const int labelRight =
            isCds ? x1 : std::max(x1, x0 + painter.fontMetrics().horizontalAdvance(label) + 6);
        int lane = 0;
        while (lane < m_lanes && laneFree[lane] > x0)
            ++lane;
        if (lane == m_lanes) {
            ++hidden;
            continue;
        }
        laneFree[lane] = labelRight + 2;
        const int y = top + lane * laneHeight;
        const QColor color = featureColor(feature);
        const bio::Strand strand = piece.span->strand;
        QPainterPath bar;
        const int h = m_lineHeight;
        const int arrow = std::min(6, (x1 - x0) / 2);
        if (strand == bio::Strand::Forward && piece.to == piece.span->end) {
            bar.moveTo(x0, y);
            bar.lineTo(x1 - arrow, y);
            bar.lineTo(x1, y + h / 2);
            bar.lineTo(x1 - arrow, y + h);
            bar.lineTo(x0, y + h);
        } else if (strand == bio::Strand::Reverse && piece.from == piece.span->start) {
            bar.moveTo(x1, y);
            bar.lineTo(x0 + arrow, y);
            bar.lineTo(x0, y + h / 2);
            bar.lineTo(x0 + arrow, y + h);
            bar.lineTo(x1, y + h);
        } else {
            bar.addRect(x0, y, x1 - x0, h);
        }
        bar.closeSubpath();
        painter.fillPath(bar, color);
        painter.setPen(color.darker(140));
        painter.drawPath(bar);
        painter.setPen(color.lightness() > 150 ? Qt::black : Qt::white);
        if (isCds) {
            // Amino acids over the middle base of each codon, in the CDS's own frame.
            const QByteArray &sequence = record.sequence;
            qint64 before = 0;
            for (const bio::Span &span : feature.location.spans) {
                if (&span == piece.span)
                    break;
                before += span.length();
            }
            const bool reverse = strand == bio::Strand::Reverse;
            for (qint64 p = piece.from; p < piece.to; ++p) {
                const qint64 coding =
                    before + (reverse ? piece.span->end - 1 - p : p - piece.span->start);
                if (coding % 3 != 1)
                    continue; // the middle base of a codon
                if (p - 1 < piece.span->start || p + 2 > piece.span->end)
                    continue; // a codon split between spans
                const char aa = reverse
                                    ? m_code->translateReverseCodon(sequence.constData() + p - 1)
                                    : m_code->translateCodon(sequence.constData() + p - 1);
                painter.drawText(xOf(int(p - start)), y + ascent, QString(QLatin1Char(aa)));
            }
            if (piece.from == feature.location.start()) {
                const QRect box(x0 + 1, y + 1, painter.fontMetrics().horizontalAdvance(label) + 4,
                                h - 2);
                painter.fillRect(box, color.darker(115));
                painter.drawText(box, Qt::AlignCenter, label);
            }
        } else {
            painter.drawText(QRect(x0 + 3, y, std::max(x1, labelRight) - x0, h),
                             Qt::AlignLeft | Qt::AlignVCenter, label);
        }
    }
    if (hidden > 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(xOf(m_perRow - 1) + 2 * m_charWidth,
                         top + (m_lanes - 1) * laneHeight + ascent, tr("+%1").arg(hidden));
    }
    return hidden;
}

void SequenceView::moveCaret(qint64 to, bool extend)
{
    to = std::clamp<qint64>(to, 0, m_document->length());
    if (!extend)
        m_anchor = to;
    m_document->setSelection(m_anchor, to);
    ensureVisible(to);
}

void SequenceView::insertText(const QByteArray &text)
{
    QString error;
    if (!m_document->replaceBases(m_document->selectionStart(), m_document->selectionEnd(), text,
                                  &error))
        Q_EMIT message(error);
    m_anchor = m_document->selectionEnd();
    ensureVisible(m_anchor);
}

bool SequenceView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        for (auto standard : {QKeySequence::Copy, QKeySequence::Cut, QKeySequence::Paste,
                              QKeySequence::Undo, QKeySequence::Redo, QKeySequence::SelectAll})
            if (key->matches(standard)) {
                event->accept();
                return true;
            }
    }
    return QAbstractScrollArea::event(event);
}

void SequenceView::keyPressEvent(QKeyEvent *event)
{
    models::SequenceDocument *doc = m_document;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    // The moving end of the selection.
    const qint64 head =
        doc->selectionStart() == m_anchor ? doc->selectionEnd() : doc->selectionStart();
    if (event->matches(QKeySequence::Copy))
        return copy();
    if (event->matches(QKeySequence::Cut))
        return cut();
    if (event->matches(QKeySequence::Paste))
        return paste();
    if (event->matches(QKeySequence::Undo))
        return doc->undoStack()->undo();
    if (event->matches(QKeySequence::Redo))
        return doc->undoStack()->redo();
    if (event->matches(QKeySequence::SelectAll))
        return selectAll();
    switch (event->key()) {
    case Qt::Key_Left:
        return moveCaret(!shift && doc->hasSelection() ? doc->selectionStart() : head - 1, shift);
    case Qt::Key_Right:
        return moveCaret(!shift && doc->hasSelection() ? doc->selectionEnd() : head + 1, shift);
    case Qt::Key_Up:
        return moveCaret(head - m_perRow, shift);
    case Qt::Key_Down:
        return moveCaret(head + m_perRow, shift);
    case Qt::Key_PageUp:
        return moveCaret(head - qint64(m_perRow) * verticalScrollBar()->pageStep(), shift);
    case Qt::Key_PageDown:
        return moveCaret(head + qint64(m_perRow) * verticalScrollBar()->pageStep(), shift);
    case Qt::Key_Home:
        return moveCaret(event->modifiers() & Qt::ControlModifier ? 0 : head - head % m_perRow,
                         shift);
    case Qt::Key_End:
        return moveCaret(event->modifiers() & Qt::ControlModifier
                             ? doc->length()
                             : std::min(doc->length(), head - head % m_perRow + m_perRow),
                         shift);
    case Qt::Key_Backspace:
        if (doc->hasSelection())
            doc->removeBases(doc->selectionStart(), doc->selectionEnd());
        else if (doc->selectionStart() > 0)
            doc->removeBases(doc->selectionStart() - 1, doc->selectionStart());
        m_anchor = doc->selectionStart();
        return;
    case Qt::Key_Delete:
        if (doc->hasSelection())
            doc->removeBases(doc->selectionStart(), doc->selectionEnd());
        else
            doc->removeBases(doc->selectionStart(), doc->selectionStart() + 1);
        m_anchor = doc->selectionStart();
        return;
    default:
        break;
    }
    const QString text = event->text();
    if (!text.isEmpty() && text.at(0).isPrint() &&
        !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)))
        return insertText(text.toLatin1());
    QAbstractScrollArea::keyPressEvent(event);
}

void SequenceView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    moveCaret(positionAt(event->position().toPoint()), event->modifiers() & Qt::ShiftModifier);
}

void SequenceView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        moveCaret(positionAt(event->position().toPoint()), true);
}

void SequenceView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Selects the (shortest) feature under the pointer.
    const qint64 at = positionAt(event->position().toPoint());
    const bio::Record &record = m_document->record();
    qsizetype best = -1;
    for (qsizetype index : m_document->featureIndex().overlapping(at, at + 1)) {
        const bio::Location &l = record.features[index].location;
        if (record.features[index].type != u"source" &&
            (best < 0 || l.end() - l.start() < record.features[best].location.end() -
                                                   record.features[best].location.start()))
            best = index;
    }
    if (best >= 0) {
        m_anchor = record.features[best].location.start();
        m_document->setSelection(m_anchor, record.features[best].location.end());
    }
}

void SequenceView::selectAll()
{
    m_anchor = 0;
    m_document->setSelection(0, m_document->length());
}

void SequenceView::copy()
{
    const qint64 s = m_document->selectionStart();
    const qint64 e = m_document->selectionEnd();
    if (s == e)
        return;
    QApplication::clipboard()->setMimeData(
        models::sequenceMimeData(m_document->extract(s, e), m_document->selectedBases()).release());
}

void SequenceView::copyReverseComplement()
{
    const qint64 s = m_document->selectionStart();
    const qint64 e = m_document->selectionEnd();
    if (s == e || m_document->isProtein())
        return;
    models::SequenceDocument scratch;
    scratch.setRecord(m_document->extract(s, e));
    scratch.reverseComplementAll();
    QApplication::clipboard()->setMimeData(
        models::sequenceMimeData(scratch.record(), scratch.record().sequence).release());
}

void SequenceView::copyTranslation()
{
    if (!m_document->hasSelection() || m_document->isProtein())
        return;
    bio::TranslationOptions options;
    options.code = m_code;
    QApplication::clipboard()->setText(
        QString::fromLatin1(bio::translate(m_document->selectedBases(), options)));
}

void SequenceView::cut()
{
    if (!m_document->hasSelection())
        return;
    copy();
    m_document->removeBases(m_document->selectionStart(), m_document->selectionEnd());
    m_anchor = m_document->selectionStart();
}

void SequenceView::paste()
{
    const std::optional<bio::Record> part =
        models::sequenceFromMimeData(QApplication::clipboard()->mimeData());
    if (!part)
        return;
    const qint64 at = m_document->selectionStart();
    QList<bio::Feature> features = part->features;
    for (bio::Feature &feature : features)
        for (bio::Span &span : feature.location.spans) {
            span.start += at;
            span.end += at;
        }
    QString error;
    if (!m_document->replaceBases(at, m_document->selectionEnd(), part->sequence, &error, features))
        Q_EMIT message(tr("Nothing pasted: %1").arg(error));
    m_anchor = m_document->selectionEnd();
    ensureVisible(m_anchor);
}

} // namespace benchtop::widgets
