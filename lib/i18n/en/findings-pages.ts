// English strings: the findings list in pages, for topologies with hundreds of problems.
export const enFindingsPages = {
  'findings.pageShown': 'Showing {shown} of {total}',
  'findings.showMore': 'Show {count} more',
  'findings.showAll': 'Show all {total}',
};
