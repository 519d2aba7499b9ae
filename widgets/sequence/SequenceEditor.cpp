#include "SequenceEditor.h"

#include "FeatureDialog.h"
#include "FindBar.h"
#include "SequenceView.h"
#include "bio/GeneticCode.h"
#include "bio/OrfFinder.h"
#include "models/sequence/FeatureListModel.h"
#include "models/sequence/SelectionInfo.h"
#include "models/sequence/SequenceDocument.h"
#include "widgets/sequencemaps/CircularMapView.h"
#include "widgets/sequencemaps/LinearMapView.h"
#include "widgets/sequencemaps/MapData.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

namespace benchtop::widgets {

SequenceEditor::SequenceEditor(QWidget *parent)
    : QWidget(parent)
    , m_document(new models::SequenceDocument(this))
    , m_view(new SequenceView(m_document, this))
    , m_find(new FindBar(m_view, this))
    , m_featureModel(new models::FeatureListModel(m_document, this))
    , m_features(new QTableView(this))
    , m_toolBar(new QToolBar(this))
    , m_mapSlot(new QSplitter(Qt::Horizontal, this))
    , m_selection(new QLabel(this))
    , m_frames(new QComboBox(this))
    , m_code(new QComboBox(this))
    , m_enzymes(new QComboBox(this))
    , m_insertPolicy(new QComboBox(this))
{
    m_selection->setObjectName(QStringLiteral("selectionInfo"));
    m_selection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QUndoStack *undo = m_document->undoStack();
    QAction *undoAction = undo->createUndoAction(this, tr("Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = undo->createRedoAction(this, tr("Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    m_toolBar->addAction(undoAction);
    m_toolBar->addAction(redoAction);
    m_toolBar->addSeparator();
    m_complement = m_toolBar->addAction(tr("Complement"), m_view, &SequenceView::setShowComplement);
    m_complement->setCheckable(true);
    connect(m_view, &SequenceView::showComplementChanged, m_complement, &QAction::setChecked);
    m_frames->addItems({tr("No frames"), tr("Frame 1"), tr("Frames 1–3"), tr("6 frames")});
    m_frames->setToolTip(tr("Translation frames"));
    connect(m_frames, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_view->setFrames(SequenceView::Frames(i)); });
    m_toolBar->addWidget(m_frames);
    // Frames set on the view directly (a saved layout, the screenshot runner) show here too.
    connect(m_view, &SequenceView::framesChanged, this, [this](SequenceView::Frames frames) {
        const QSignalBlocker blocker(m_frames);
        m_frames->setCurrentIndex(int(frames));
    });
    for (const bio::GeneticCode *code : bio::GeneticCode::all())
        m_code->addItem(tr("%1. %2").arg(code->id()).arg(code->name()), code->id());
    m_code->setMaximumWidth(200);
    m_code->setToolTip(tr("Genetic code"));
    connect(m_code, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_view->setGeneticCode(m_code->itemData(i).toInt()); });
    m_toolBar->addWidget(m_code);
    m_enzymes->addItems(
        {tr("No enzymes"), tr("Unique cutters"), tr("Two cutters"), tr("All 6+ cutters")});
    m_enzymes->setCurrentIndex(int(SequenceView::EnzymeSet::Unique));
    m_enzymes->setToolTip(tr("Restriction sites (commercial enzymes)"));
    connect(m_enzymes, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_view->setEnzymeSet(SequenceView::EnzymeSet(i)); });
    m_toolBar->addWidget(m_enzymes);
    m_insertPolicy->addItems({tr("Inside features: grow"), tr("Inside features: split")});
    m_insertPolicy->setToolTip(
        tr("What bases typed or pasted inside a feature do to it: lengthen it, or split it into "
           "two joined parts around the new bases (a CDS that must keep its frame, say)"));
    m_insertPolicy->setCurrentIndex(
        QSettings().value(QStringLiteral("sequence/insertPolicy")).toString() == u"split" ? 1 : 0);
    auto applyPolicy = [this](int i) {
        m_document->setInsertPolicy(i == 1 ? models::InsertInside::Split
                                           : models::InsertInside::Grow);
        QSettings().setValue(QStringLiteral("sequence/insertPolicy"),
                             i == 1 ? QStringLiteral("split") : QStringLiteral("grow"));
    };
    applyPolicy(m_insertPolicy->currentIndex());
    connect(m_insertPolicy, &QComboBox::currentIndexChanged, this, applyPolicy);
    m_toolBar->addWidget(m_insertPolicy);
    m_toolBar->addSeparator();
    m_reverseComplement = m_toolBar->addAction(tr("Reverse complement"), m_document,
                                               &models::SequenceDocument::reverseComplementAll);
    m_origin = m_toolBar->addAction(
        tr("Set origin"), this, [this] { m_document->setOrigin(m_document->selectionStart()); });
    m_origin->setToolTip(tr("Make the caret's base the first of this circular sequence"));
    m_findOrfs = m_toolBar->addAction(tr("Find ORFs"), this, [this] {
        const int found = addOrfs();
        Q_EMIT message(tr("%n ORF(s) of 300 bases or more added.", nullptr, found));
    });
    m_toolBar->addSeparator();
    m_addFeature = m_toolBar->addAction(tr("Add feature…"), this, [this] { addFeature(); });
    m_addFeature->setObjectName(QStringLiteral("addFeature"));
    m_addFeature->setToolTip(tr("Annotate the selection as a new feature"));
    m_editFeature = m_toolBar->addAction(tr("Edit feature…"), this, [this] {
        const QModelIndex current = m_features->currentIndex();
        if (current.isValid())
            editFeature(current.row());
    });
    m_editFeature->setObjectName(QStringLiteral("editFeature"));
    m_view->setContextActions({m_addFeature});
    m_deleteFeature = new QAction(tr("Delete feature"), this);
    m_deleteFeature->setObjectName(QStringLiteral("deleteFeature"));
    connect(m_deleteFeature, &QAction::triggered, this, &SequenceEditor::deleteCurrentFeature);
    QAction *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_find, &FindBar::activate);
    addAction(find);

    m_features->setModel(m_featureModel);
    m_features->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_features->verticalHeader()->hide();
    m_features->horizontalHeader()->setStretchLastSection(true);
    m_features->verticalHeader()->setDefaultSectionSize(20);
    connect(m_features, &QTableView::activated, this, [this](const QModelIndex &index) {
        const qint64 start = index.data(models::FeatureListModel::StartRole).toLongLong();
        m_document->setSelection(start, index.data(models::FeatureListModel::EndRole).toLongLong());
        m_view->ensureVisible(start);
    });
    // Double-click opens the feature dialog; F2 or a click on a selected cell edits the name or
    // type in place.
    m_features->setEditTriggers(QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::SelectedClicked);
    connect(m_features, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { editFeature(index.row()); });
    connect(m_features->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SequenceEditor::updateFeatureActions);
    connect(m_featureModel, &QAbstractItemModel::modelReset, this,
            &SequenceEditor::updateFeatureActions);
    // Delete removes the current row (a cell being edited has the key itself). A key filter, not
    // a shortcut: a shortcut waits for the window to be active, the key does not.
    m_features->installEventFilter(this);
    m_features->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_features, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_features->indexAt(at);
        if (index.isValid())
            m_features->setCurrentIndex(index);
        QMenu menu(this);
        menu.addAction(m_addFeature);
        menu.addAction(m_editFeature);
        menu.addAction(m_deleteFeature);
        menu.exec(m_features->viewport()->mapToGlobal(at));
    });

    auto *split = new QSplitter(Qt::Vertical, this);
    m_mapSlot->hide(); // until maps are given
    split->addWidget(m_mapSlot);
    split->addWidget(m_view);
    split->addWidget(m_features);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 4);
    split->setStretchFactor(2, 1);
    createMaps();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(split, 1);
    layout->addWidget(m_find);
    layout->addWidget(m_selection);
    m_selection->setContentsMargins(6, 2, 6, 2);

    connect(m_document, &models::SequenceDocument::selectionChanged, this,
            &SequenceEditor::updateSelectionInfo);
    connect(m_document, &models::SequenceDocument::changed, this,
            &SequenceEditor::updateSelectionInfo);
    connect(m_document, &models::SequenceDocument::changed, this, &SequenceEditor::updateForKind);
    connect(m_view, &SequenceView::message, this, &SequenceEditor::message);
    updateForKind();
}

bool SequenceEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_features && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        deleteCurrentFeature();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SequenceEditor::updateForKind()
{
    const bool nucleotide = !m_document->isProtein();
    m_complement->setEnabled(nucleotide);
    m_frames->setEnabled(nucleotide);
    m_enzymes->setEnabled(nucleotide);
    m_code->setEnabled(nucleotide);
    m_reverseComplement->setEnabled(nucleotide);
    m_findOrfs->setEnabled(nucleotide);
    m_origin->setEnabled(m_document->isCircular() && nucleotide);
    // Searching a protein means searching residues.
    if (!nucleotide && m_find->mode() == FindBar::Mode::Bases)
        m_find->setMode(FindBar::Mode::AminoAcids);
    updateFeatureActions();
}

void SequenceEditor::updateFeatureActions()
{
    m_addFeature->setEnabled(m_document->length() > 0);
    const bool current = m_features->currentIndex().isValid();
    m_editFeature->setEnabled(current);
    m_deleteFeature->setEnabled(current);
}

FeatureDialog *SequenceEditor::addFeature()
{
    const qint64 length = m_document->length();
    if (length < 1)
        return nullptr;
    auto *dialog = new FeatureDialog(length, m_document->isCircular(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add feature"));
    const qint64 start = std::min(m_document->selectionStart(), length - 1);
    const qint64 end = m_document->hasSelection() ? m_document->selectionEnd() : start + 1;
    dialog->setRange(start + 1, end);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_document->addFeature(dialog->feature());
        m_features->setCurrentIndex(m_featureModel->index(m_featureModel->rowCount() - 1, 0));
    });
    dialog->open();
    return dialog;
}

FeatureDialog *SequenceEditor::editFeature(int row)
{
    const QList<bio::Feature> &features = m_document->record().features;
    if (row < 0 || row >= features.size())
        return nullptr;
    auto *dialog = new FeatureDialog(m_document->length(), m_document->isCircular(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Edit feature %1").arg(features[row].displayName()));
    dialog->setFeature(features[row]);
    const bio::Feature original = features[row];
    connect(dialog, &QDialog::accepted, this, [this, dialog, row, original] {
        const QList<bio::Feature> &now = m_document->record().features;
        if (row >= now.size() || now[row] != original) {
            Q_EMIT message(tr("The feature changed while its dialog was open; nothing saved."));
            return;
        }
        m_document->setFeature(row, dialog->feature());
        m_features->setCurrentIndex(m_featureModel->index(row, 0));
    });
    dialog->open();
    return dialog;
}

void SequenceEditor::deleteCurrentFeature()
{
    const QModelIndex current = m_features->currentIndex();
    if (current.isValid())
        m_document->removeFeature(current.row());
}

QString SequenceEditor::selectionText() const
{
    return m_selection->text();
}

void SequenceEditor::updateSelectionInfo()
{
    const bio::Record &record = m_document->record();
    m_selection->setText(
        models::selectionInfo(record.sequence, record.kind, m_document->selectionStart(),
                              m_document->selectionEnd(), m_document->isCircular()));
}

// The linear and circular maps of the open sequence, linked to its selection; they follow
// edits after a short pause (preparing a genome's map takes a few tens of ms), and "Set origin
// here" on the circle is an undoable edit of the document.
void SequenceEditor::createMaps()
{
    auto *linear = new maps::LinearMapView(this);
    auto *circular = new maps::CircularMapView(this);
    linear->setObjectName(QStringLiteral("linearMap"));
    circular->setObjectName(QStringLiteral("circularMap"));
    setMaps(linear, circular);
    m_mapSlot->setSizes({300, 500});
    auto *refresh = new QTimer(this);
    refresh->setSingleShot(true);
    refresh->setInterval(150);
    connect(m_document, &models::SequenceDocument::changed, refresh, qOverload<>(&QTimer::start));
    connect(refresh, &QTimer::timeout, this, [this, linear, circular] {
        const bio::Record &record = m_document->record();
        const bool show = !m_document->isProtein() && m_document->length() > 0;
        m_mapSlot->setVisible(show);
        if (!show)
            return;
        auto data = std::make_shared<maps::MapData>(record);
        linear->setMapData(data);
        circular->setVisible(m_document->isCircular());
        if (m_document->isCircular())
            circular->setMapData(data);
        linear->setSelection(m_document->selectionStart(), m_document->selectionEnd());
    });
    connect(circular, &maps::CircularMapView::originChangeRequested, m_document,
            &models::SequenceDocument::setOrigin);
}

void SequenceEditor::setMaps(QWidget *linear, QWidget *circular)
{
    for (QWidget *map : {circular, linear}) {
        if (!map)
            continue;
        m_mapSlot->addWidget(map);
        const QMetaObject *meta = map->metaObject();
        if (meta->indexOfSignal("selectionChanged(qint64,qint64)") >= 0)
            connect(map, SIGNAL(selectionChanged(qint64, qint64)), m_document,
                    SLOT(setSelection(qint64, qint64)));
        if (meta->indexOfSlot("setSelection(qint64,qint64)") >= 0)
            connect(m_document, SIGNAL(selectionChanged(qint64, qint64)), map,
                    SLOT(setSelection(qint64, qint64)));
    }
    m_mapSlot->setVisible(m_mapSlot->count() > 0);
}

int SequenceEditor::addOrfs(qint64 minimumLength)
{
    if (m_document->isProtein())
        return 0;
    bio::OrfOptions options;
    options.code = bio::GeneticCode::byId(m_view->geneticCode());
    options.minimumLength = minimumLength;
    options.circular = m_document->isCircular();
    options.translate = false;
    const QList<bio::Orf> orfs = bio::findOrfs(m_document->record().sequence, options);
    QList<bio::Feature> features;
    for (const bio::Orf &orf : orfs) {
        bio::Feature feature;
        feature.type = QStringLiteral("CDS");
        feature.location = orf.location(m_document->length());
        feature.qualifiers = {{QStringLiteral("label"),
                               tr("ORF %1 aa").arg((orf.length() - (orf.hasStop ? 3 : 0)) / 3),
                               true},
                              {QStringLiteral("note"), tr("found by Find ORFs"), true}};
        features.append(feature);
    }
    m_document->addFeatures(features, tr("Find ORFs"));
    return int(features.size());
}

} // namespace benchtop::widgets
