// The exactly solvable model: pure functions, named as in the paper, one formula family per file.
export { skillLoss, skillStrength } from './multilinear.ts';
