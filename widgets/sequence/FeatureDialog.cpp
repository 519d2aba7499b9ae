#include "FeatureDialog.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace benchtop::widgets {

namespace {

const QStringList colorQualifiers = {QStringLiteral("color"), QStringLiteral("colour"),
                                     QStringLiteral("ApEinfo_fwdcolor"),
                                     QStringLiteral("ApEinfo_revcolor")};

QString notesOf(const bio::Feature &feature)
{
    QStringList notes;
    for (const bio::Qualifier &q : feature.qualifiers)
        if (q.name == u"note")
            notes.append(q.value);
    return notes.join(u'\n');
}

QString nameOf(const bio::Feature &feature)
{
    const QString label = feature.qualifier(QStringLiteral("label"));
    if (!label.isEmpty())
        return label;
    const QString shown = feature.displayName();
    return shown == feature.type ? QString() : shown;
}

} // namespace

QStringList FeatureDialog::commonTypes()
{
    return {QStringLiteral("misc_feature"),
            QStringLiteral("CDS"),
            QStringLiteral("gene"),
            QStringLiteral("promoter"),
            QStringLiteral("terminator"),
            QStringLiteral("RBS"),
            QStringLiteral("rep_origin"),
            QStringLiteral("primer_bind"),
            QStringLiteral("protein_bind"),
            QStringLiteral("enhancer"),
            QStringLiteral("polyA_signal"),
            QStringLiteral("sig_peptide"),
            QStringLiteral("mRNA"),
            QStringLiteral("5'UTR"),
            QStringLiteral("3'UTR"),
            QStringLiteral("exon"),
            QStringLiteral("intron"),
            QStringLiteral("LTR"),
            QStringLiteral("mobile_element"),
            QStringLiteral("misc_binding"),
            QStringLiteral("misc_recomb"),
            QStringLiteral("misc_RNA"),
            QStringLiteral("ncRNA"),
            QStringLiteral("rRNA"),
            QStringLiteral("tRNA"),
            QStringLiteral("repeat_region"),
            QStringLiteral("source"),
            QStringLiteral("Region"),
            QStringLiteral("Site")};
}

FeatureDialog::FeatureDialog(qint64 sequenceLength, bool circular, QWidget *parent)
    : QDialog(parent)
    , m_length(sequenceLength)
    , m_circular(circular)
    , m_name(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_strand(new QComboBox(this))
    , m_colorButton(new QPushButton(this))
    , m_clearColor(new QPushButton(tr("By type"), this))
    , m_notes(new QPlainTextEdit(this))
    , m_start(new QSpinBox(this))
    , m_end(new QSpinBox(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Feature"));
    m_name->setObjectName(QStringLiteral("featureName"));
    m_type->setObjectName(QStringLiteral("featureType"));
    m_strand->setObjectName(QStringLiteral("featureStrand"));
    m_colorButton->setObjectName(QStringLiteral("featureColor"));
    m_notes->setObjectName(QStringLiteral("featureNotes"));
    m_start->setObjectName(QStringLiteral("featureStart"));
    m_end->setObjectName(QStringLiteral("featureEnd"));
    m_error->setObjectName(QStringLiteral("featureError"));

    m_type->setEditable(true);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->addItems(commonTypes());
    m_strand->addItem(tr("Forward"), int(bio::Strand::Forward));
    m_strand->addItem(tr("Reverse"), int(bio::Strand::Reverse));
    m_strand->addItem(tr("None"), int(bio::Strand::None));
    m_notes->setTabChangesFocus(true);
    m_notes->setPlaceholderText(tr("One note per line"));
    const int maximum = int(std::clamp<qint64>(sequenceLength, 1, std::numeric_limits<int>::max()));
    for (QSpinBox *box : {m_start, m_end}) {
        box->setRange(1, maximum);
        box->setGroupSeparatorShown(true);
    }
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->hide();

    connect(m_colorButton, &QPushButton::clicked, this, &FeatureDialog::chooseColor);
    connect(m_clearColor, &QPushButton::clicked, this, [this] { setColor({}); });
    auto *colorRow = new QHBoxLayout;
    colorRow->addWidget(m_colorButton);
    colorRow->addWidget(m_clearColor);
    colorRow->addStretch(1);
    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_start);
    rangeRow->addWidget(new QLabel(tr("to"), this));
    rangeRow->addWidget(m_end);
    rangeRow->addWidget(new QLabel(tr("of %L1").arg(sequenceLength), this));
    rangeRow->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &FeatureDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FeatureDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Type:"), m_type);
    form->addRow(tr("&Strand:"), m_strand);
    form->addRow(tr("&Colour:"), colorRow);
    form->addRow(tr("&Range:"), rangeRow);
    form->addRow(tr("N&otes:"), m_notes);
    form->addRow(m_error);
    form->addRow(buttons);

    bio::Feature fresh;
    fresh.type = QStringLiteral("misc_feature");
    setFeature(fresh);
}

void FeatureDialog::setFeature(const bio::Feature &feature)
{
    m_original = feature;
    m_originalName = nameOf(feature);
    m_name->setText(m_originalName);
    m_type->setCurrentText(feature.type);
    const bio::Strand strand =
        feature.location.isEmpty() ? bio::Strand::Forward : feature.location.strand();
    m_strand->setCurrentIndex(std::max(0, m_strand->findData(int(strand))));
    m_notes->setPlainText(notesOf(feature));
    QColor own;
    for (const QString &name : colorQualifiers) {
        own = QColor(feature.qualifier(name));
        if (own.isValid())
            break;
    }
    m_color = own;
    m_colorChanged = false;
    showColor();
    const bool single = feature.location.spans.size() <= 1;
    if (!feature.location.isEmpty())
        setRange(feature.location.start() + 1, feature.location.end());
    m_start->setEnabled(single);
    m_end->setEnabled(single);
    m_start->setToolTip(single ? QString()
                               : tr("This feature has several parts; its range is kept."));
    m_end->setToolTip(m_start->toolTip());
    m_error->hide();
    m_error->clear();
}

void FeatureDialog::setRange(qint64 first, qint64 last)
{
    m_start->setValue(int(first));
    m_end->setValue(int(last));
}

void FeatureDialog::setColor(const QColor &color)
{
    m_color = color;
    m_colorChanged = true;
    showColor();
}

QString FeatureDialog::errorText() const
{
    return m_error->text();
}

void FeatureDialog::showColor()
{
    if (m_color.isValid()) {
        m_colorButton->setText(m_color.name());
        m_colorButton->setStyleSheet(QStringLiteral("background-color: %1; color: %2")
                                         .arg(m_color.name(), m_color.lightness() > 150
                                                                  ? QStringLiteral("black")
                                                                  : QStringLiteral("white")));
    } else {
        m_colorButton->setText(tr("By type…"));
        m_colorButton->setStyleSheet({});
    }
    m_clearColor->setEnabled(m_color.isValid());
}

void FeatureDialog::chooseColor()
{
    auto *dialog = new QColorDialog(m_color.isValid() ? m_color : QColor(0x9e, 0xb8, 0xd8), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Feature colour"));
    connect(dialog, &QColorDialog::colorSelected, this, &FeatureDialog::setColor);
    dialog->open();
}

bool FeatureDialog::validate()
{
    QString error;
    if (m_length < 1)
        error = tr("The sequence is empty; there is nothing to annotate.");
    else if (m_start->isEnabled()) {
        const qint64 first = m_start->value();
        const qint64 last = m_end->value();
        if (first < 1 || last > m_length)
            error = tr("The range must lie within 1–%L1.").arg(m_length);
        else if (first > last && !m_circular)
            error = tr("The start (%L1) is after the end (%L2).").arg(first).arg(last);
    }
    if (m_type->currentText().trimmed().contains(u' '))
        error = tr("A feature type has no spaces (for example “misc_feature”).");
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    return error.isEmpty();
}

void FeatureDialog::accept()
{
    if (validate())
        QDialog::accept();
}

bio::Feature FeatureDialog::feature() const
{
    bio::Feature f = m_original;
    const QString type = m_type->currentText().trimmed();
    f.type = type.isEmpty() ? QStringLiteral("misc_feature") : type;
    const auto strand = bio::Strand(m_strand->currentData().toInt());

    if (f.location.spans.size() <= 1) {
        const qint64 first = m_start->value() - 1;
        const qint64 last = m_end->value();
        bio::Span span = f.location.isEmpty() ? bio::Span{} : f.location.spans.constFirst();
        const bool moved = f.location.isEmpty() || span.start != first || span.end != last;
        if (moved) {
            span.kind = bio::Span::Kind::Range;
            span.fuzzyStart = span.fuzzyEnd = false;
            span.verbatim.clear();
        }
        if (first < last || !m_circular) {
            span.start = first;
            span.end = last;
            f.location = bio::Location::onStrand({span}, strand);
        } else {
            // Across the origin of a circular sequence: two spans, along the sequence.
            bio::Span tail = span;
            tail.start = first;
            tail.end = m_length;
            bio::Span head = span;
            head.start = 0;
            head.end = last;
            f.location = bio::Location::onStrand({tail, head}, strand);
        }
    } else if (strand != f.location.strand()) {
        // Several spans: keep them, on the new strand (a strand flip reverses their order).
        QList<bio::Span> spans = f.location.spans;
        const bio::Strand old = f.location.strand();
        if (old != bio::Strand::None && strand != bio::Strand::None)
            std::reverse(spans.begin(), spans.end());
        const auto op = f.location.op;
        f.location = bio::Location::onStrand(spans, strand, bio::Location::SpanOrder::AlongStrand);
        f.location.op = op;
    }

    const QString name = m_name->text().trimmed();
    if (name != m_originalName) {
        f.qualifiers.removeIf([](const bio::Qualifier &q) { return q.name == u"label"; });
        if (!name.isEmpty())
            f.qualifiers.prepend({QStringLiteral("label"), name, true});
    }
    const QString notes = m_notes->toPlainText().trimmed();
    if (notes != notesOf(m_original).trimmed()) {
        f.qualifiers.removeIf([](const bio::Qualifier &q) { return q.name == u"note"; });
        for (const QString &line : notes.split(u'\n', Qt::SkipEmptyParts))
            if (!line.trimmed().isEmpty())
                f.qualifiers.append({QStringLiteral("note"), line.trimmed(), true});
    }
    if (m_colorChanged) {
        f.qualifiers.removeIf(
            [](const bio::Qualifier &q) { return colorQualifiers.contains(q.name); });
        if (m_color.isValid())
            f.qualifiers.append({QStringLiteral("color"), m_color.name(), true});
    }
    return f;
}

} // namespace benchtop::widgets
