// One sequence open for editing: a tool bar (undo/redo, complement, frames, genetic code,
// enzyme set, reverse complement, origin, ORFs), a slot for the linear and circular maps, the
// sequence view, the feature list, the find bar and a status line with the selection's range,
// length, Tm, GC % and MW. It edits a SequenceDocument and never talks to the network: saving,
// importing and auto-annotation belong to the page around it (SequencesPage).
//
// Maps contract (widgets/sequencemaps/ LinearMapView, CircularMapView): setMaps(linear,
// circular) puts them above the sequence view. If a map has a signal
// `selectionChanged(qint64,qint64)` it is connected to SequenceDocument::setSelection, and the
// document's selectionChanged(qint64,qint64) to the map's slot `setSelection(qint64,qint64)`;
// both ends ignore a selection equal to their own, so there is no loop. The maps render
// document()->record(); connect SequenceDocument::changed to their refresh.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QSplitter;
class QTableView;
class QToolBar;
class QAction;

namespace benchtop::models {
class FeatureListModel;
class SequenceDocument;
} // namespace benchtop::models

namespace benchtop::widgets {

class FeatureDialog;
class FindBar;
class SequenceView;

class SequenceEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SequenceEditor(QWidget *parent = nullptr);

    models::SequenceDocument *document() const { return m_document; }
    SequenceView *view() const { return m_view; }
    FindBar *findBar() const { return m_find; }
    QTableView *featureTable() const { return m_features; }
    models::FeatureListModel *featureModel() const { return m_featureModel; }
    QToolBar *toolBar() const { return m_toolBar; }
    QString selectionText() const;
    void setMaps(QWidget *linear, QWidget *circular);

    // Feature editing (DESIGN §4: each one undo step through the document). Both open a
    // FeatureDialog (window-modal, deleted on close) and return it; accepting it adds or changes
    // the feature. Adding starts from the selection (or the base after the caret); editing
    // starts from feature `row` of the document. nullptr when there is nothing to annotate.
    FeatureDialog *addFeature();
    FeatureDialog *editFeature(int row);
    // Deletes the feature table's current row (one undo step).
    void deleteCurrentFeature();
    QAction *addFeatureAction() const { return m_addFeature; }
    QAction *editFeatureAction() const { return m_editFeature; }
    QAction *deleteFeatureAction() const { return m_deleteFeature; }

    // Finds ORFs (at least `minimumLength` bases, standard or the chosen code) and adds them as
    // features in one undo step; returns how many.
    int addOrfs(qint64 minimumLength = 300);

    // The tool bar's choice of what typing inside a feature does (grow or split it; kept in the
    // settings).
    QComboBox *insertPolicyBox() const { return m_insertPolicy; }

Q_SIGNALS:
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createMaps();
    void updateSelectionInfo();
    void updateForKind();
    void updateFeatureActions();

    models::SequenceDocument *m_document;
    SequenceView *m_view;
    FindBar *m_find;
    models::FeatureListModel *m_featureModel;
    QTableView *m_features;
    QToolBar *m_toolBar;
    QSplitter *m_mapSlot;
    QLabel *m_selection;
    QComboBox *m_frames;
    QComboBox *m_code;
    QComboBox *m_enzymes;
    QComboBox *m_insertPolicy;
    QAction *m_complement;
    QAction *m_origin;
    QAction *m_reverseComplement;
    QAction *m_findOrfs;
    QAction *m_addFeature;
    QAction *m_editFeature;
    QAction *m_deleteFeature;
};

} // namespace benchtop::widgets
