// jstat ships no type declarations; these are the few distribution functions the experiment statistics use.
declare module 'jstat' {
  interface Continuous {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const pkg: {
    jStat: { normal: Continuous; studentt: Continuous; chisquare: Continuous };
  };
  export default pkg;
}
