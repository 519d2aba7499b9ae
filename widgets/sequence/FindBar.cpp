#include "FindBar.h"

#include "SequenceView.h"
#include "bio/GeneticCode.h"
#include "models/sequence/SequenceDocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace benchtop::widgets {

FindBar::FindBar(SequenceView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_mode(new QComboBox(this))
    , m_pattern(new QLineEdit(this))
    , m_position(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    m_mode->addItems({tr("Bases"), tr("Amino acids"), tr("Feature names")});
    m_pattern->setPlaceholderText(tr("Find (IUPAC codes allowed)"));
    m_pattern->setClearButtonEnabled(true);
    m_position->setPlaceholderText(tr("Go to position"));
    m_position->setMaximumWidth(130);
    auto *previousButton = new QToolButton(this);
    previousButton->setArrowType(Qt::UpArrow);
    previousButton->setToolTip(tr("Previous hit (Shift+Enter)"));
    auto *nextButton = new QToolButton(this);
    nextButton->setArrowType(Qt::DownArrow);
    nextButton->setToolTip(tr("Next hit (Enter)"));
    layout->addWidget(m_mode);
    layout->addWidget(m_pattern, 1);
    layout->addWidget(previousButton);
    layout->addWidget(nextButton);
    layout->addWidget(m_status);
    layout->addSpacing(12);
    layout->addWidget(m_position);
    connect(m_pattern, &QLineEdit::textChanged, this, &FindBar::search);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &FindBar::search);
    connect(m_pattern, &QLineEdit::returnPressed, this, &FindBar::next);
    connect(nextButton, &QToolButton::clicked, this, &FindBar::next);
    connect(previousButton, &QToolButton::clicked, this, &FindBar::previous);
    connect(m_position, &QLineEdit::returnPressed, this, &FindBar::goToPosition);
    // Hits go stale as bases change: search again.
    connect(view->document(), &models::SequenceDocument::changed, this, [this] {
        if (!m_pattern->text().isEmpty())
            search();
    });
}

void FindBar::setMode(Mode mode)
{
    m_mode->setCurrentIndex(int(mode));
}

FindBar::Mode FindBar::mode() const
{
    return Mode(m_mode->currentIndex());
}

void FindBar::setPattern(const QString &pattern)
{
    m_pattern->setText(pattern);
}

QString FindBar::status() const
{
    return m_status->text();
}

void FindBar::activate()
{
    show();
    m_pattern->setFocus();
    m_pattern->selectAll();
}

void FindBar::search()
{
    models::SequenceDocument *doc = m_view->document();
    const bio::Record &record = doc->record();
    const QByteArray pattern = m_pattern->text().trimmed().toLatin1();
    m_hits.clear();
    m_current = -1;
    if (!pattern.isEmpty()) {
        switch (Mode(m_mode->currentIndex())) {
        case Mode::Bases:
        case Mode::AminoAcids:
            if (doc->isProtein()) {
                // In a protein, bases and amino acids are its residues: a plain search.
                const QByteArray upper = pattern.toUpper();
                for (qsizetype at = record.sequence.indexOf(upper); at >= 0;
                     at = record.sequence.indexOf(upper, at + 1))
                    m_hits.append({at, at + upper.size(), bio::Strand::Forward, 0});
            } else if (Mode(m_mode->currentIndex()) == Mode::Bases) {
                bio::NucleotideSearchOptions options;
                options.circular = doc->isCircular();
                m_hits = bio::findNucleotides(record.sequence, pattern, options);
            } else { // amino acids in the translation of either strand
                bio::ProteinSearchOptions options;
                options.code = bio::GeneticCode::byId(m_view->geneticCode());
                options.circular = doc->isCircular();
                m_hits = bio::findProtein(record.sequence, pattern, options);
            }
            break;
        case Mode::Features: {
            const QString name = m_pattern->text().trimmed();
            for (const bio::Feature &feature : record.features)
                if (feature.type != u"source" &&
                    feature.displayName().contains(name, Qt::CaseInsensitive))
                    m_hits.append({feature.location.start(), feature.location.end(),
                                   feature.location.strand(), 0});
            std::sort(m_hits.begin(), m_hits.end(),
                      [](const auto &a, const auto &b) { return a.start < b.start; });
            break;
        }
        }
    }
    m_view->setHighlights(m_hits);
    m_status->setText(pattern.isEmpty() ? QString() : tr("%n hit(s)", nullptr, int(m_hits.size())));
}

void FindBar::select(int hit)
{
    if (m_hits.isEmpty())
        return;
    m_current = (hit + int(m_hits.size())) % int(m_hits.size());
    const bio::SearchHit &h = m_hits[m_current];
    models::SequenceDocument *doc = m_view->document();
    doc->setSelection(h.start, std::min(h.end, doc->length()));
    m_view->ensureVisible(h.start);
    m_status->setText(tr("%1 of %2").arg(m_current + 1).arg(m_hits.size()));
}

void FindBar::next()
{
    if (m_current < 0) {
        // The first hit at or after the caret.
        const qint64 caret = m_view->document()->selectionStart();
        int i = 0;
        while (i < m_hits.size() && m_hits[i].start < caret)
            ++i;
        select(i);
        return;
    }
    select(m_current + 1);
}

void FindBar::previous()
{
    select(m_current < 0 ? -1 : m_current - 1);
}

void FindBar::goToPosition()
{
    bool ok = false;
    const qint64 position = m_position->text().remove(QLatin1Char(',')).trimmed().toLongLong(&ok);
    models::SequenceDocument *doc = m_view->document();
    if (!ok || position < 1 || position > doc->length()) {
        m_status->setText(tr("Positions run from 1 to %1").arg(doc->length()));
        return;
    }
    doc->setSelection(position - 1, position - 1);
    m_view->ensureVisible(position - 1);
    m_view->setFocus();
}

} // namespace benchtop::widgets
